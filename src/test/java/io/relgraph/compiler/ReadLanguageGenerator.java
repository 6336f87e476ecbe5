package io.relgraph.compiler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.relgraph.compiler.ReferenceEngine.Kind;

/**
 * Random {@code where} trees and {@code sort} lists of the read language (issue 16), as values (maps,
 * lists, {@link Lit} for enum values) that can be written as a GraphQL literal or sent as a variable's
 * JSON. Values are drawn from the data they will run on ({@link Pools}): whole values, their prefixes,
 * suffixes and middles, case-swapped, with {@code %} and {@code _}, values one past the data, so that
 * filters match some rows and not others. The contract's names are written here again, by hand.
 */
final class ReadLanguageGenerator {

    /** An enum value (ASC, DESC, EXTRA_DATA, ...): a name in a literal, a string in JSON. */
    record Lit(String name) {
    }

    /** What filters compare with: per type, its strings and ids; the DateTimes of employees. */
    record Pools(Map<Kind, List<String>> strings, Map<Kind, List<Long>> ids, List<Instant> hired) {
    }

    private final Random r;
    private final Pools pools;
    /** Leaf comparisons written into the current tree. */
    int leaves;

    ReadLanguageGenerator(Random r, Pools pools) {
        this.r = r;
        this.pools = pools;
    }

    static String graphqlType(Kind kind) {
        return switch (kind) {
            case DEPARTMENT -> "Department";
            case EMPLOYEE -> "Employee";
            case LINK -> "Link";
            case USER -> "User";
            case POST -> "Post";
            case ADDRESS -> "Address";
        };
    }

    /** The string column of a type's where. */
    static String stringColumn(Kind kind) {
        return switch (kind) {
            case LINK -> "extraData";
            case POST -> "title";
            case ADDRESS -> "address";
            default -> "name";
        };
    }

    /** A type's to-one relations in its where ({name, target}) and their "exists" fields. */
    private static String[][] toOnes(Kind kind) {
        return switch (kind) {
            case DEPARTMENT -> new String[][] { { "head", "EMPLOYEE", "headExists" } };
            case EMPLOYEE -> new String[][] { { "headOf", "DEPARTMENT", "headOfExists" } };
            case LINK -> new String[][] { { "department", "DEPARTMENT", null }, { "employee", "EMPLOYEE", null } };
            case POST -> new String[][] { { "owner", "USER", "ownerExists" } };
            case ADDRESS -> new String[][] { { "user", "USER", "userExists" } };
            default -> new String[0][];
        };
    }

    /** A type's to-many relations in its where ({name, target}). */
    static String[][] toManys(Kind kind) {
        return switch (kind) {
            case DEPARTMENT -> new String[][] { { "employees", "EMPLOYEE" }, { "employeeLinks", "LINK" } };
            case EMPLOYEE -> new String[][] { { "departments", "DEPARTMENT" }, { "departmentLinks", "LINK" } };
            case USER -> new String[][] { { "posts", "POST" }, { "addresses", "ADDRESS" } };
            default -> new String[0][];
        };
    }

    // ---------------------------------------------------------------- where

    /** A where tree of at most {@code quantifiers} nested quantifiers, of about {@code size} fields. */
    Map<String, Object> where(Kind kind, int quantifiers, int size) {
        Map<String, Object> w = new LinkedHashMap<>();
        int n = size <= 0 ? 0 : r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(Math.min(3, size));
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(100);
            if (k < 40) {
                column(kind, w);
            } else if (k < 50 && toOnes(kind).length > 0) {
                String[] o = toOnes(kind)[r.nextInt(toOnes(kind).length)];
                if (o[2] != null && r.nextInt(3) == 0) {
                    w.put(o[2], r.nextBoolean());
                    leaves++;
                } else {
                    w.put(o[0], where(Kind.valueOf(o[1]), quantifiers, size - 1));
                }
            } else if (k < 72 && quantifiers > 0 && toManys(kind).length > 0) {
                String[] m = toManys(kind)[r.nextInt(toManys(kind).length)];
                Map<String, Object> match = new LinkedHashMap<>();
                String[] qs = { "some", "every", "none" };
                int count = r.nextInt(6) == 0 ? 2 : 1;
                for (int j = 0; j < count; j++) {
                    match.put(qs[r.nextInt(3)], where(Kind.valueOf(m[1]), quantifiers - 1, size - 1));
                }
                w.put(m[0], match);
            } else if (k < 80) {
                w.put("not", where(kind, quantifiers, size - 1));
            } else if (k < 90) {
                w.put(r.nextBoolean() ? "and" : "or", whereList(kind, quantifiers, size - 1));
            } else {
                column(kind, w);
            }
        }
        return w;
    }

    private List<Object> whereList(Kind kind, int quantifiers, int size) {
        List<Object> l = new ArrayList<>();
        int n = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            l.add(where(kind, quantifiers, size));
        }
        return l;
    }

    private void column(Kind kind, Map<String, Object> w) {
        int c = r.nextInt(kind == Kind.EMPLOYEE ? 3 : 2);
        if (kind == Kind.LINK || c == 1) {
            w.put(stringColumn(kind), stringFilter(kind));
        } else if (c == 0) {
            w.put("id", idFilter(kind));
        } else {
            w.put("hiredOn", dateTimeFilter());
        }
    }

    Map<String, Object> idFilter(Kind kind) {
        Map<String, Object> f = new LinkedHashMap<>();
        String[] ops = { "eq", "ne", "in", "notIn", "lt", "lte", "gt", "gte" };
        int n = r.nextInt(5) == 0 ? 2 : 1;
        for (int i = 0; i < n; i++) {
            String op = ops[r.nextInt(ops.length)];
            f.put(op, op.endsWith("n") || op.equals("notIn") ? idList(kind) : id(kind));
            leaves++;
        }
        return f;
    }

    private Object id(Kind kind) {
        List<Long> ids = pools.ids().get(kind);
        long id = ids.isEmpty() ? 1 + r.nextInt(5) : ids.get(r.nextInt(ids.size())) + (r.nextInt(5) == 0 ? r.nextInt(3) - 1 : 0);
        id = Math.max(1, id);
        return r.nextInt(4) == 0 && id < Integer.MAX_VALUE ? (Object) id : String.valueOf(id); // an ID as a number or a string
    }

    private List<Object> idList(Kind kind) {
        List<Object> l = new ArrayList<>();
        int n = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            l.add(id(kind));
        }
        return l;
    }

    Map<String, Object> stringFilter(Kind kind) {
        Map<String, Object> f = new LinkedHashMap<>();
        String[] ops = { "eq", "ne", "in", "notIn", "lt", "lte", "gt", "gte", "startsWith", "endsWith", "contains", "contains",
            "containsInsensitive", "containsInsensitive", "containsInsensitive", "isNull" };
        int n = r.nextInt(5) == 0 ? 2 : 1;
        for (int i = 0; i < n; i++) {
            String op = ops[r.nextInt(ops.length)];
            leaves++;
            switch (op) {
                case "in", "notIn" -> {
                    List<Object> l = new ArrayList<>();
                    int k = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(3);
                    for (int j = 0; j < k; j++) {
                        l.add(string(kind));
                    }
                    f.put(op, l);
                }
                case "isNull" -> f.put(op, r.nextBoolean());
                case "startsWith" -> f.put(op, part(string(kind), 0));
                case "endsWith" -> f.put(op, part(string(kind), 1));
                case "contains" -> f.put(op, part(string(kind), 2));
                case "containsInsensitive" -> f.put(op, swapCase(part(string(kind), 2)));
                default -> f.put(op, string(kind));
            }
        }
        return f;
    }

    private String string(Kind kind) {
        List<String> values = pools.strings().get(kind);
        if (values.isEmpty() || r.nextInt(12) == 0) {
            return new String[] { "", "%", "_", "x", "Ödön", "ö" }[r.nextInt(6)];
        }
        return values.get(r.nextInt(values.size()));
    }

    /** A piece of a value: a prefix (0), suffix (1) or middle (2), by code points; now and then with % or _ in it, or a character past it. */
    private String part(String s, int where) {
        int[] cps = s.codePoints().toArray();
        int n = cps.length;
        int from = 0;
        int to = n;
        if (n > 0) {
            int len = r.nextInt(Math.min(n, 8) + 1);
            from = where == 0 ? 0 : where == 1 ? n - len : r.nextInt(n - len + 1);
            to = from + len;
        }
        String p = new String(cps, from, to - from);
        return switch (r.nextInt(10)) {
            case 0 -> p + "%";
            case 1 -> "_" + p;
            case 2 -> p + "q";
            default -> p;
        };
    }

    private String swapCase(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            int x = r.nextBoolean() ? c : Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
            b.appendCodePoint(x);
        });
        return b.toString();
    }

    Map<String, Object> dateTimeFilter() {
        Map<String, Object> f = new LinkedHashMap<>();
        String[] ops = { "eq", "ne", "lt", "lte", "gt", "gte" };
        int n = r.nextInt(4) == 0 ? 2 : 1;
        for (int i = 0; i < n; i++) {
            Instant t = pools.hired().isEmpty() ? Instant.parse("2020-01-01T00:00:00Z") : pools.hired().get(r.nextInt(pools.hired().size()));
            if (r.nextInt(3) == 0) {
                t = t.plusSeconds(r.nextInt(7200) - 3600);
            }
            f.put(ops[r.nextInt(ops.length)], dateTimeText(t));
            leaves++;
        }
        return f;
    }

    /** An instant as a client may write it: in UTC with 'Z', or at an offset. */
    private String dateTimeText(Instant t) {
        if (r.nextBoolean()) {
            return t.toString();
        }
        return t.atOffset(java.time.ZoneOffset.ofHoursMinutes(5, 30)).toString();
    }

    // ---------------------------------------------------------------- sort

    /** A sort of 1..3 elements, each setting one field (related fields up to two levels down). */
    List<Object> sort(Kind kind) {
        List<Object> s = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            s.add(sortElement(kind, 2));
        }
        return s;
    }

    Map<String, Object> sortElement(Kind kind, int depth) {
        List<String> fields = new ArrayList<>(switch (kind) {
            case DEPARTMENT -> List.of("id", "name", "head", "employeesCount");
            case EMPLOYEE -> List.of("id", "name", "hiredOn", "headOf", "departmentsCount");
            case LINK -> List.of("extraData", "department", "employee");
            case POST -> List.of("id", "title"); // beyond the contract: PostSort and AddressSort
            case ADDRESS -> List.of("id", "address");
            default -> List.of("id", "name", "postsCount");
        });
        if (depth <= 0) {
            fields.removeIf(f -> f.equals("head") || f.equals("headOf") || f.equals("department") || f.equals("employee"));
        }
        String f = fields.get(r.nextInt(fields.size()));
        Map<String, Object> e = new LinkedHashMap<>();
        switch (f) {
            case "head", "employee" -> e.put(f, sortElement(Kind.EMPLOYEE, depth - 1));
            case "headOf", "department" -> e.put(f, sortElement(Kind.DEPARTMENT, depth - 1));
            default -> e.put(f, new Lit(r.nextBoolean() ? "ASC" : "DESC"));
        }
        return e;
    }

    // ---------------------------------------------------------------- writing values

    /** A value as a GraphQL literal. */
    static String literal(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Lit l) {
            return l.name();
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(k + ": " + literal(x)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(literal(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(v);
    }

    /** A value as a variable's JSON (enum values as their names). */
    static Object json(Object v) {
        if (v instanceof Lit l) {
            return l.name();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, json(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(json(x)));
            return out;
        }
        return v;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
