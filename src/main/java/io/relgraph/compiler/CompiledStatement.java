package io.relgraph.compiler;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * A cached plan, run per request: bind the variables into one statement (written once and kept
 * when the plan uses no variables), run it as a prepared statement on the pool, and hand back the
 * text PostgreSQL built, unparsed.
 */
final class CompiledStatement implements CompiledRead {

    private static final Logger LOG = Logger.getLogger(CompiledStatement.class);
    private static final SqlWriter.Statement FALLBACK = new SqlWriter.Statement(null, List.of());

    private final List<Plan.Candidate> plan;
    private final Pool pool;
    private final int maxPageSize;
    /** The statement of a plan without variables: the same for every request (FALLBACK when it is the resolver's). */
    private final SqlWriter.Statement fixed;

    CompiledStatement(List<Plan.Candidate> plan, boolean usesVariables, Pool pool, int maxPageSize) {
        this.plan = plan;
        this.pool = pool;
        this.maxPageSize = maxPageSize;
        this.fixed = usesVariables ? null : bind(Map.of());
    }

    @Override
    public Future<String> execute(Map<String, Object> variables) {
        SqlWriter.Statement statement = fixed != null ? fixed : bind(variables);
        if (statement == FALLBACK) {
            return Future.succeededFuture();
        }
        return pool.preparedQuery(statement.sql()).execute(Tuple.from(statement.params()))
                .map(rows -> rows.iterator().next().getString(0))
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

    private static boolean isOverflow(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains(SqlWriter.OVERFLOW);
    }

    private static boolean isCompilerBug(Throwable e) {
        return !isOverflow(e) && e instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("42") || pg.getSqlState().startsWith("22"));
    }

    /** The statement for these variables, or FALLBACK when the resolver's answer would be an error. */
    private SqlWriter.Statement bind(Map<String, Object> variables) {
        try {
            return SqlWriter.write(plan, variables, maxPageSize);
        } catch (SqlWriter.Fallback f) {
            LOG.debugf("Left to the resolver: %s", f.getMessage());
            return FALLBACK;
        }
    }

    /** Whether any argument or condition of the plan reads a variable. */
    static boolean usesVariables(List<Plan.Candidate> selection) {
        for (Plan.Candidate c : selection) {
            for (Plan.Condition cond : c.conditions()) {
                if (cond.value() instanceof Plan.Variable) {
                    return true;
                }
            }
            if (usesVariables(c.node())) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesVariables(Plan.Node n) {
        if (n instanceof Plan.ToOneNode o) {
            return usesVariables(o.selection());
        }
        if (n instanceof Plan.ToManyNode m) {
            return m.first() instanceof Plan.Variable || m.after() instanceof Plan.Variable || usesVariables(m.selection());
        }
        if (n instanceof Plan.RootRowNode r) {
            return variable(r.arguments()) || usesVariables(r.selection());
        }
        if (n instanceof Plan.RootListNode r) {
            return variable(r.arguments()) || usesVariables(r.selection());
        }
        if (n instanceof Plan.PageNode p) {
            return variable(p.arguments()) || usesVariables(p.selection());
        }
        if (n instanceof Plan.ItemsNode i) {
            return usesVariables(i.selection());
        }
        return false;
    }

    private static boolean variable(Map<String, Plan.Arg> arguments) {
        return arguments.values().stream().anyMatch(a -> a instanceof Plan.Variable);
    }
}
