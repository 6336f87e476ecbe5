package io.relgraph.compiler;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.relgraph.graphql.ApiException;
import io.relgraph.model.RelationalModel;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * A cached plan, run per request: bind the variables into one statement, run it as a prepared
 * statement on the pool, and hand back the text PostgreSQL built, unparsed.
 *
 * <p>The statement's text depends on the variables only through their {@link #shape shape} (which are
 * absent or null, the values of {@code @include}/{@code @skip} conditions and of {@code orderBy});
 * every other value is a parameter. So the text is written once per shape and kept (at most
 * {@value #MAX_SHAPES} shapes per plan), and a later request of that shape only computes its
 * parameters, with the same argument rules. With assertions on (the tests), each kept statement is
 * checked against a freshly written one.
 */
final class CompiledStatement implements CompiledRead {

    private static final Logger LOG = Logger.getLogger(CompiledStatement.class);
    private static final SqlWriter.Statement FALLBACK = new SqlWriter.Statement(null, List.of(), List.of());
    static final int MAX_SHAPES = 32;

    private final List<Plan.Candidate> plan;
    private final Pool pool;
    private final int maxPageSize;
    /** The relational model the plan was made with, for the writer. */
    private final RelationalModel model;
    /** The statement of a plan without variables: the same for every request (FALLBACK when it is the resolver's). */
    private final SqlWriter.Statement fixed;
    /** The variables the plan reads, in a fixed order, and those whose value (not only presence) shapes the text. */
    private final List<String> variableNames;
    private final Set<String> shapedByValue;
    /** The variables in a where (or itself one): the structure of their value (keys, lengths, booleans, nulls) shapes the text. */
    private final Set<String> shapedByStructure;
    /** A plan without variables that the read language refuses (a where, sort or group it refuses): its error, every time. */
    private final ApiException fixedRefusal;
    private final Map<String, SqlWriter.Statement> shapes = new ConcurrentHashMap<>();

    CompiledStatement(List<Plan.Candidate> plan, Pool pool, int maxPageSize, RelationalModel model) {
        this.plan = plan;
        this.pool = pool;
        this.maxPageSize = maxPageSize;
        this.model = model;
        Set<String> names = new TreeSet<>();
        Set<String> byValue = new HashSet<>();
        Set<String> byStructure = new HashSet<>();
        collect(plan, names, byValue, byStructure);
        this.variableNames = List.copyOf(names);
        this.shapedByValue = Set.copyOf(byValue);
        this.shapedByStructure = Set.copyOf(byStructure);
        SqlWriter.Statement statement = null;
        ApiException refusal = null;
        if (variableNames.isEmpty()) {
            try {
                statement = bind(Map.of());
            } catch (ApiException refused) {
                refusal = refused; // the same for every request
            }
        }
        this.fixed = statement;
        this.fixedRefusal = refusal;
    }

    @Override
    public Future<Buffer> execute(Map<String, Object> variables) {
        return execute(variables, pool);
    }

    @Override
    public Future<Buffer> execute(Map<String, Object> variables, io.vertx.sqlclient.SqlClient pool) {
        return execute(variables, (sql, params) -> pool.preparedQuery(sql).execute(Tuple.wrap(params))
                .map(rows -> rows.iterator().next().getBuffer(0)));
    }

    @Override
    public Future<Buffer> execute(Map<String, Object> variables, Connection connection) {
        if (fixedRefusal != null) {
            return Future.failedFuture(fixedRefusal);
        }
        SqlWriter.Statement statement;
        try {
            statement = fixed != null ? fixed : statement(variables);
        } catch (ApiException refused) {
            // the read language's own rules (a where, sort, cursor or group it refuses): no resolver answers these
            return Future.failedFuture(refused);
        }
        if (statement == FALLBACK) {
            return Future.succeededFuture();
        }
        return connection.firstValue(statement.sql(), statement.params().toArray())
                // Only two failures hand the request to the resolver: the deliberate one of an unpaged list
                // over the page limit (the resolver answers LIMIT_EXCEEDED), and a statement PostgreSQL
                // refuses as SQL (a compiler bug; the resolver still answers right). Anything else (the
                // database gone, the pool full, the statement timed out) is the answer: running the
                // request a second time would only wait twice.
                .recover(e -> {
                    if (isOverflow(e)) {
                        return Future.succeededFuture();
                    }
                    if (isCompilerBug(e)) {
                        LOG.warnf("Compiled statement refused by PostgreSQL (a compiler bug): %s [%s]", e.getMessage(), statement.sql());
                        return Future.succeededFuture();
                    }
                    return Future.failedFuture(e);
                });
    }

    @Override
    public String refusal(Map<String, Object> variables) {
        if (fixed != null && fixed != FALLBACK) {
            return null;
        }
        if (fixedRefusal != null) {
            throw fixedRefusal; // the read language's rules: the live query's error as it is
        }
        // the shape's kept statement (only its binders run): asking first and executing after (a mutation's
        // payload, a live query's start) writes the statement once, not twice
        try {
            kept(variables);
            return null;
        } catch (SqlWriter.Fallback f) {
            return f.getMessage();
        }
        // an ApiException (the read language's rules) is the live query's error as it is
    }

    /** Also through the wrappers of a connection that is not the pool's (Hibernate Reactive's). */
    private static boolean isOverflow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(SqlWriter.OVERFLOW)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCompilerBug(Throwable e) {
        if (isOverflow(e)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState().startsWith("42") || pg.getSqlState().startsWith("22");
            }
        }
        return false;
    }

    /** This request's statement: the kept text of its shape with its own parameters, or written now. */
    private SqlWriter.Statement statement(Map<String, Object> variables) {
        try {
            return kept(variables);
        } catch (SqlWriter.Fallback f) {
            LOG.debugf("Left to the resolver: %s", f.getMessage());
            return FALLBACK;
        }
    }

    /** The kept statement of the variables' shape rebound to them, or one written now and kept. */
    private SqlWriter.Statement kept(Map<String, Object> variables) {
        String shape = shape(variables);
        SqlWriter.Statement known = shapes.get(shape);
        if (known == null) {
            SqlWriter.Statement written = SqlWriter.write(plan, variables, maxPageSize, model);
            if (shapes.size() < MAX_SHAPES) {
                shapes.putIfAbsent(shape, written);
            }
            return written;
        }
        SqlWriter.Statement rebound = new SqlWriter.Statement(known.sql(), known.rebind(variables), known.binders());
        assert same(rebound, bind(variables)) : "kept statement differs from a fresh one for shape " + shape + ": " + known.sql();
        return rebound;
    }

    /** Same text and parameters; an {@code in} list's parameter is an array, compared by its elements. */
    private static boolean same(SqlWriter.Statement a, SqlWriter.Statement b) {
        return a.sql().equals(b.sql()) && java.util.Arrays.deepEquals(a.params().toArray(), b.params().toArray());
    }

    /** What decides the text: per variable read, absent (a), null (n), a condition's value (t/f), orderBy's value, or some value (v). */
    String shape(Map<String, Object> variables) {
        StringBuilder shape = new StringBuilder(variableNames.size() + 8);
        for (String name : variableNames) {
            Object value = variables.get(name);
            if (value == null) {
                shape.append(variables.containsKey(name) ? 'n' : 'a');
            } else if (value instanceof Boolean b) {
                shape.append(b ? 't' : 'f');
            } else if (shapedByValue.contains(name)) {
                shape.append('=').append(value).append('\u0000');
            } else if (shapedByStructure.contains(name)) {
                structure(value, shape);
            } else {
                shape.append('v');
            }
        }
        return shape.toString();
    }

    /** The statement for these variables, or FALLBACK when the resolver's answer would be an error. */
    private SqlWriter.Statement bind(Map<String, Object> variables) {
        try {
            return SqlWriter.write(plan, variables, maxPageSize, model);
        } catch (SqlWriter.Fallback f) {
            LOG.debugf("Left to the resolver: %s", f.getMessage());
            return FALLBACK;
        }
    }

    /** A where's structure: objects' keys, lists' lengths, booleans and nulls; other values are parameters. */
    private static void structure(Object value, StringBuilder shape) {
        if (value instanceof Map<?, ?> m) {
            shape.append('{');
            m.forEach((k, v) -> {
                shape.append(k).append(':');
                structure(v, shape);
            });
            shape.append('}');
        } else if (value instanceof List<?> l) {
            shape.append('[');
            l.forEach(v -> structure(v, shape));
            shape.append(']');
        } else if (value == null) {
            shape.append('n');
        } else if (value instanceof Boolean b) {
            shape.append(b ? 't' : 'f');
        } else {
            shape.append('v');
        }
        shape.append(',');
    }

    /** The names of the variables the plan reads; those of orderBy, sort and by also in {@code byValue}, those of a where in {@code byStructure}. */
    private static void collect(List<Plan.Candidate> selection, Set<String> names, Set<String> byValue, Set<String> byStructure) {
        for (Plan.Candidate c : selection) {
            for (Plan.Condition cond : c.conditions()) {
                add(cond.value(), names);
            }
            Plan.Node n = c.node();
            if (n instanceof Plan.ToOneNode o) {
                collect(o.selection(), names, byValue, byStructure);
            } else if (n instanceof Plan.ToManyNode m) {
                add(m.first(), names);
                add(m.after(), names);
                shaping(m.where(), names, byStructure);
                shaping(m.sort(), names, byValue);
                collect(m.selection(), names, byValue, byStructure);
            } else if (n instanceof Plan.RootRowNode r) {
                r.arguments().values().forEach(a -> add(a, names));
                collect(r.selection(), names, byValue, byStructure);
            } else if (n instanceof Plan.RootListNode r) {
                r.arguments().values().forEach(a -> add(a, names));
                shaping(r.arguments().get("where"), names, byStructure);
                collect(r.selection(), names, byValue, byStructure);
            } else if (n instanceof Plan.PageNode p) {
                p.arguments().values().forEach(a -> add(a, names));
                if (p.arguments().get("orderBy") instanceof Plan.Variable v) {
                    byValue.add(v.name());
                }
                shaping(p.arguments().get("where"), names, byStructure);
                shaping(p.arguments().get("sort"), names, byValue);
                collect(p.selection(), names, byValue, byStructure);
            } else if (n instanceof Plan.ItemsNode i) {
                collect(i.selection(), names, byValue, byStructure);
            } else if (n instanceof Plan.AggregateNode g) {
                shaping(g.where(), names, byStructure);
                collect(g.selection(), names, byValue, byStructure);
            } else if (n instanceof Plan.MinMaxNode mm) {
                collect(mm.selection(), names, byValue, byStructure);
            } else if (n instanceof Plan.GroupsNode g) {
                shaping(g.where(), names, byStructure);
                shaping(g.by(), names, byValue);
                add(g.first(), names);
                collect(g.selection(), names, byValue, byStructure);
            }
        }
    }

    /** The variables of an argument whose value shapes the text: as a whole (byValue) or by its structure. */
    private static void shaping(Plan.Arg arg, Set<String> names, Set<String> shaped) {
        if (arg instanceof Plan.Variable v) {
            names.add(v.name());
            shaped.add(v.name());
        } else if (arg instanceof Plan.Tree t) {
            Set<String> in = new HashSet<>();
            t.variables(in);
            names.addAll(in);
            shaped.addAll(in);
        }
    }

    private static void add(Plan.Arg arg, Set<String> names) {
        if (arg instanceof Plan.Variable v) {
            names.add(v.name());
        }
    }
}
