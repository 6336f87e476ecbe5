package io.relgraph.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.relgraph.db.ForeignKeys.ForeignKey;

/**
 * The relational model the read API serves: for each GraphQL object type its table, its columns and
 * their JSON formats, its primary key, and its relations in both directions (to-one, to-many, the
 * link table as its own view and the many-to-many through it) with their join columns, list order
 * and page key. It is built from two sources only: PostgreSQL's catalog (tables, column types,
 * primary keys, foreign keys: {@link CatalogFacts}) and one declaration of the GraphQL names
 * ({@link ApiNames}). Nothing here is written twice: a relation's join columns, order and page key
 * are the foreign key's and the primary key's.
 *
 * <p>{@link #build} refuses a schema it cannot serve safely (see {@link UnservableSchema}).
 */
public final class RelationalModel {

    /** How a column's value becomes a JSON value. */
    public enum Format {
        /** A bigint key: the number as a JSON string (GraphQL ID). */
        ID,
        /** Text (or null) as is. */
        TEXT,
        /** A timestamptz as the API writes a DateTime (ISO-8601, UTC, fraction without trailing zeros). */
        DATE_TIME
    }

    /** A column of a table, under its GraphQL field name where the declaration names one. */
    public record Column(String name, String sqlType, Format format) {
    }

    /** A relation to at most one row of {@code target}. */
    public sealed interface ToOne {
        String target();
    }

    /**
     * The parent row's {@code column} references the target's primary key (a foreign key of the
     * catalog: a non-null value always names an existing row).
     */
    public record Referenced(String target, String column) implements ToOne {
    }

    /** The target's {@code column}, unique, references the parent's primary key: at most one row points back. */
    public record ReferencedBy(String target, String column) implements ToOne {
    }

    /** A relation list, paged by {@code first}/{@code after} on its page key. */
    public sealed interface ToMany {
        String target();
    }

    /**
     * The rows of {@code target} whose {@code column} references the parent's primary key, in the order
     * of {@code pageKey} (the target's primary key, or for a link table the rest of it), which
     * {@code after} compares with.
     */
    public record Referencing(String target, String column, String pageKey) implements ToMany {
    }

    /**
     * The rows of {@code target} reached through the link table {@code link}: its {@code toParent}
     * references the parent, its {@code toTarget} the target; in the order of {@code toTarget}, which
     * {@code after} compares with.
     */
    public record Through(String target, String link, String toParent, String toTarget) implements ToMany {
    }

    /**
     * A GraphQL object type backed by a table; {@code keyed} when the API may change its (single-column) primary
     * key, {@code shortName} what the read language's types over its rows start with ({@link ApiNames.Type}).
     */
    public record Entity(String type, String table, List<String> primaryKey, Map<String, Column> columns, Map<String, ToOne> toOne,
            Map<String, ToMany> toMany, boolean keyed, String shortName) {

        /**
         * The columns a row of this type is read with where it is mapped whole (the resolver engine's
         * rows): its primary key, its declared columns, and the foreign keys of its to-one relations.
         */
        public List<String> rowColumns() {
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(primaryKey);
            columns.values().forEach(c -> names.add(c.name()));
            toOne.values().forEach(o -> {
                if (o instanceof Referenced r) {
                    names.add(r.column());
                }
            });
            return List.copyOf(names);
        }

        /**
         * The statement that reads one row whole ({@link #rowColumns()}) by its primary key, {@code $1} (and
         * {@code $2}, ... for the key's further columns, in key order).
         */
        public String rowByKey() {
            List<String> where = new ArrayList<>();
            for (String column : primaryKey) {
                where.add(column + " = $" + (where.size() + 1));
            }
            return "select " + String.join(", ", rowColumns()) + " from " + table + " where " + String.join(" and ", where);
        }

        /** The single-column primary key (every entity but a link table has one). */
        public String id() {
            if (primaryKey.size() != 1) {
                throw new IllegalStateException(type + " has a primary key of " + primaryKey.size() + " columns");
            }
            return primaryKey.get(0);
        }
    }

    /**
     * A root field of {@code Query} over the rows of {@code entity} ({@link ApiNames.Root}): each of its
     * {@code arguments} (GraphQL name) compares the column it names with equality, in declaration order.
     */
    public record Root(String field, Entity entity, ApiNames.Read read, Map<String, Column> arguments, String pageType) {

        /** The argument (GraphQL name) that compares {@code column}, or null. */
        public String argumentOf(String column) {
            for (Map.Entry<String, Column> a : arguments.entrySet()) {
                if (a.getValue().name().equals(column)) {
                    return a.getKey();
                }
            }
            return null;
        }
    }

    /** The schema cannot be served safely: start-up stops with this, naming the constraint or column. */
    public static final class UnservableSchema extends IllegalStateException {
        UnservableSchema(String message) {
            super(message);
        }
    }

    /** PostgreSQL 17's builtin collation whose {@code lower()} folds all of Unicode whatever the database's locale. */
    public static final String BUILTIN_UNICODE_COLLATION = "pg_c_utf8";

    private final Map<String, Entity> byType;
    private final Map<String, Entity> byTable;
    private final Map<String, Root> roots;
    private final List<ForeignKey> foreignKeys;
    private final String foldingCollation;

    private RelationalModel(Map<String, Entity> byType, Map<String, Root> roots, List<ForeignKey> foreignKeys) {
        this(byType, roots, foreignKeys, BUILTIN_UNICODE_COLLATION);
    }

    private RelationalModel(Map<String, Entity> byType, Map<String, Root> roots, List<ForeignKey> foreignKeys, String foldingCollation) {
        this.foldingCollation = foldingCollation;
        this.roots = Collections.unmodifiableMap(roots);
        this.byType = Collections.unmodifiableMap(byType);
        this.foreignKeys = List.copyOf(foreignKeys);
        Map<String, Entity> tables = new LinkedHashMap<>();
        byType.values().forEach(e -> tables.put(e.table(), e));
        this.byTable = Collections.unmodifiableMap(tables);
    }

    /**
     * The collation under which {@code lower()} folds every Unicode letter ({@code containsInsensitive}):
     * {@value #BUILTIN_UNICODE_COLLATION} (PostgreSQL 17+), else ICU's root {@code "und-x-icu"}, else null
     * (the database's own, which folds by its locale: ASCII only under C).
     */
    public String foldingCollation() {
        return foldingCollation;
    }

    /** This model on a server whose case-folding collation is {@code collation} (null: the database's default). */
    public RelationalModel withFoldingCollation(String collation) {
        return new RelationalModel(new LinkedHashMap<>(byType), new LinkedHashMap<>(roots), foreignKeys, collation);
    }

    /** The entity of a GraphQL type, or null when no table backs it. */
    public Entity entity(String type) {
        return byType.get(type);
    }

    public Optional<Entity> entityOfTable(String table) {
        return Optional.ofNullable(byTable.get(table));
    }

    public Map<String, Entity> entities() {
        return byType;
    }

    /**
     * The keyed entity a GraphQL enum constant of the key change names ({@link ApiNames#constant}: {@code USER} is
     * {@code User}), or null.
     */
    public Entity keyed(String constant) {
        for (Entity e : byType.values()) {
            if (e.keyed() && ApiNames.constant(e.type()).equals(constant)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Checks that every constant of a GraphQL enum of keyed types ({@code KeyedEntity}) names a keyed entity of
     * this model, so a key change or its event never meets a type the model does not key.
     *
     * @throws UnservableSchema naming the constants that name none
     */
    public void requireKeyed(Class<? extends Enum<?>> surface) {
        List<String> unknown = new ArrayList<>();
        for (Enum<?> constant : surface.getEnumConstants()) {
            if (keyed(constant.name()) == null) {
                unknown.add(constant.name());
            }
        }
        if (!unknown.isEmpty()) {
            List<String> known = byType.values().stream().filter(Entity::keyed).map(e -> ApiNames.constant(e.type())).toList();
            throw new UnservableSchema("The GraphQL enum " + surface.getSimpleName() + " names " + unknown + ", which no keyed type of the"
                    + " relational model is (model.ApiNames declares " + known + " keyed: a Type with keyed = true whose name in capitals"
                    + " is the constant)");
        }
    }

    /**
     * The root field that reads {@code entity}'s rows by their whole primary key, each key column an argument
     * ({@code department(id:)}, or the list {@code links(departmentId:, employeeId:)} filtered to one row): a
     * single row's field before a list's; null when none does.
     */
    public Root rootByKey(Entity entity) {
        Root found = null;
        for (Root r : roots.values()) {
            if (!r.entity().type().equals(entity.type()) || (r.read() != ApiNames.Read.ROW && r.read() != ApiNames.Read.LIST)
                    || (r.read() == ApiNames.Read.ROW && r.arguments().size() != entity.primaryKey().size())) {
                continue;
            }
            boolean all = entity.primaryKey().stream().allMatch(column -> r.argumentOf(column) != null);
            if (all && (found == null || found.read() == ApiNames.Read.LIST && r.read() == ApiNames.Read.ROW)) {
                found = r;
            }
        }
        return found;
    }

    /** The root field of {@code Query} named {@code field} that reads rows of the model, or null. */
    public Root root(String field) {
        return roots.get(field);
    }

    public Map<String, Root> roots() {
        return roots;
    }

    /** The entity whose rows a page type ({@code DepartmentPage}, {@code LinkPage}) holds, or null. */
    public Entity entityOfPage(String pageType) {
        for (Root r : roots.values()) {
            if (pageType.equals(r.pageType())) {
                return r.entity();
            }
        }
        return null;
    }

    /**
     * The tables a relation's rows are read from besides its target's: the link table of a
     * many-to-many (whose type a selection need not name), else none.
     */
    public List<String> tablesBetween(String type, String field) {
        Entity e = byType.get(type);
        return e != null && e.toMany().get(field) instanceof Through t ? List.of(t.link()) : List.of();
    }

    /** Every validated single-column foreign key of the schema, in the order the migrations declared them. */
    public List<ForeignKey> foreignKeys() {
        return foreignKeys;
    }

    /** The foreign keys that reference {@code table}'s primary key, in the order they were declared (a key change's relations). */
    public List<ForeignKey> referencing(String table) {
        return foreignKeys.stream().filter(fk -> fk.toPrimaryKey() && fk.referencedTable().equals(table)).toList();
    }

    /** The foreign key on {@code table.column}, if that column is one. */
    public Optional<ForeignKey> foreignKey(String table, String column) {
        return foreignKeys.stream().filter(fk -> fk.table().equals(table) && fk.column().equals(column)).findFirst();
    }

    /**
     * The model of this catalog under these names.
     *
     * @throws UnservableSchema when a declared table, column or foreign key is not in the catalog, a
     *         column has no format, or a foreign key to a keyed table (whose primary key the API may
     *         change) neither cascades on update nor is checked at commit (a key change would break it)
     */
    public static RelationalModel build(ApiNames.Declaration names, CatalogFacts catalog) {
        List<String> problems = new ArrayList<>();
        Map<String, Entity> entities = new LinkedHashMap<>();
        Map<String, Map<String, ToOne>> toOne = new LinkedHashMap<>();
        Map<String, Map<String, ToMany>> toMany = new LinkedHashMap<>();
        for (ApiNames.Type t : names.types()) {
            CatalogFacts.Table table = catalog.tables().get(t.table());
            if (table == null) {
                problems.add("table " + t.table() + " (GraphQL type " + t.type() + ") is not in the schema");
                continue;
            }
            if (table.primaryKey().isEmpty()) {
                problems.add("table " + t.table() + " (GraphQL type " + t.type() + ") has no primary key");
            }
            Map<String, Column> columns = new LinkedHashMap<>();
            t.fields().forEach((field, column) -> {
                String type = table.columns().get(column);
                if (type == null) {
                    problems.add("column " + t.table() + "." + column + " (" + t.type() + "." + field + ") is not in the schema");
                    return;
                }
                Format format = format(type, table.primaryKey().contains(column));
                if (format == null) {
                    problems.add("column " + t.table() + "." + column + " has type " + type + ", which " + t.type() + "." + field
                            + " cannot show (a bigint key, text or timestamptz)");
                    return;
                }
                columns.put(field, new Column(column, type, format));
            });
            if (t.keyed() && (table.primaryKey().size() != 1 || !"bigint".equals(table.columns().get(table.primaryKey().get(0))))) {
                // a key change moves one bigint id (its argument, its sequence, the foreign keys that reference it)
                problems.add("table " + t.table() + " (GraphQL type " + t.type() + ") is declared keyed, but its primary key "
                        + table.primaryKey() + " is not one bigint column");
            }
            toOne.put(t.type(), new LinkedHashMap<>());
            toMany.put(t.type(), new LinkedHashMap<>());
            entities.put(t.type(), new Entity(t.type(), t.table(), table.primaryKey(), columns, toOne.get(t.type()), toMany.get(t.type()),
                    t.keyed(), t.shortName() == null ? t.type() : t.shortName()));
        }
        Map<String, String> typeOfTable = new LinkedHashMap<>();
        entities.values().forEach(e -> typeOfTable.put(e.table(), e.type()));

        for (ApiNames.Reference r : names.references()) {
            ForeignKey fk = foreignKey(catalog, r.table(), r.column(), problems);
            if (fk == null) {
                continue;
            }
            String from = typeOfTable.get(fk.table());
            String to = typeOfTable.get(fk.referencedTable());
            if (from == null || to == null) {
                problems.add("foreign key " + fk.name() + " joins tables the declaration does not name as types");
                continue;
            }
            if (r.field() != null) {
                toOne.get(from).put(r.field(), new Referenced(to, fk.column()));
            }
            if (r.reverseField() != null) {
                if (fk.unique()) {
                    toOne.get(to).put(r.reverseField(), new ReferencedBy(from, fk.column()));
                } else {
                    List<String> key = new ArrayList<>(entities.get(from).primaryKey());
                    key.remove(fk.column());
                    if (key.size() != 1) {
                        problems.add("the rows of " + fk.table() + " referencing " + fk.referencedTable() + " (" + to + "." + r.reverseField()
                                + ") have no single page key: its primary key less " + fk.column() + " is " + key);
                        continue;
                    }
                    toMany.get(to).put(r.reverseField(), new Referencing(from, fk.column(), key.get(0)));
                }
            }
        }
        for (ApiNames.ManyToMany m : names.manyToMany()) {
            ForeignKey a = foreignKey(catalog, m.link(), m.firstColumn(), problems);
            ForeignKey b = foreignKey(catalog, m.link(), m.secondColumn(), problems);
            if (a == null || b == null) {
                continue;
            }
            String first = typeOfTable.get(a.referencedTable());
            String second = typeOfTable.get(b.referencedTable());
            if (first == null || second == null) {
                problems.add("the link table " + m.link() + " joins tables the declaration does not name as types");
                continue;
            }
            toMany.get(first).put(m.firstField(), new Through(second, m.link(), a.column(), b.column()));
            toMany.get(second).put(m.secondField(), new Through(first, m.link(), b.column(), a.column()));
        }
        for (ForeignKey fk : catalog.foreignKeys()) {
            Entity referenced = entities.get(typeOfTable.get(fk.referencedTable()));
            if (referenced != null && referenced.keyed() && !fk.cascadesOnUpdate() && !fk.checkedAtCommit()) {
                problems.add("foreign key " + fk.name() + " (" + fk.relation() + " -> " + fk.referencedTable() + "." + fk.referencedColumn()
                        + ") neither cascades on update nor is deferred to commit, so changing a " + referenced.type() + "'s id would break"
                        + " it: declare it ON UPDATE CASCADE, or DEFERRABLE INITIALLY DEFERRED (the key change then moves its rows itself)");
            }
        }
        Map<String, Root> roots = new LinkedHashMap<>();
        for (ApiNames.Root r : names.roots()) {
            Entity e = entities.get(r.type());
            if (e == null) {
                problems.add("the root field " + r.field() + " reads " + r.type() + ", which the declaration does not name as a type");
                continue;
            }
            Map<String, Column> arguments = new LinkedHashMap<>();
            for (String argument : r.arguments()) {
                Column c = argumentColumn(e, argument, catalog.tables().get(e.table()));
                if (c == null) {
                    problems.add("the argument " + r.field() + "(" + argument + ":) names neither a field of " + e.type()
                            + " nor a to-one's key (a to-one's name with Id)");
                } else {
                    arguments.put(argument, c);
                }
            }
            roots.put(r.field(), new Root(r.field(), e, r.read(), arguments, r.pageType()));
        }
        if (!problems.isEmpty()) {
            throw new UnservableSchema("The database schema cannot be served: " + String.join("; ", problems));
        }
        return new RelationalModel(entities, roots, catalog.foreignKeys());
    }

    /** The column a root field's argument compares: a field's column, or {@code xId} the foreign key of the to-one {@code x}. */
    private static Column argumentColumn(Entity e, String argument, CatalogFacts.Table table) {
        Column c = e.columns().get(argument);
        if (c != null) {
            return c;
        }
        if (argument.endsWith("Id") && e.toOne().get(argument.substring(0, argument.length() - 2)) instanceof Referenced r) {
            return new Column(r.column(), table.columns().get(r.column()), Format.ID);
        }
        return null;
    }

    private static ForeignKey foreignKey(CatalogFacts catalog, String table, String column, List<String> problems) {
        for (ForeignKey fk : catalog.foreignKeys()) {
            if (fk.table().equals(table) && fk.column().equals(column) && fk.toPrimaryKey()) {
                return fk;
            }
        }
        problems.add("no foreign key from " + table + "." + column + " to a primary key in the schema (the declaration names one)");
        return null;
    }

    private static Format format(String sqlType, boolean key) {
        return switch (sqlType) {
            case "bigint" -> key ? Format.ID : null;
            case "text", "character varying" -> Format.TEXT;
            case "timestamp with time zone" -> Format.DATE_TIME;
            default -> sqlType.startsWith("character varying") ? Format.TEXT : null;
        };
    }
}
