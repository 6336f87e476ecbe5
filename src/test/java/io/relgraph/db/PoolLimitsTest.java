package io.relgraph.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which statements a pooled connection keeps prepared. A kept statement gets PostgreSQL's generic plan after five
 * executions; the compiler marks the statements whose plan must see a parameter's value (a startsWith pattern, bench
 * Q5), and the golden cases 32 and 34 show the mark on the statements it writes.
 */
class PoolLimitsTest {

    @Test
    void aCompiledStatementIsKeptPrepared() {
        assertTrue(PoolLimits.keptPrepared("select convert_to(json_build_object('department', ...)::text, 'UTF8')"));
    }

    @Test
    void aStatementMarkedForPlanningPerExecutionIsNotKept() {
        assertFalse(PoolLimits.keptPrepared(PoolLimits.PLANNED_PER_EXECUTION + "select convert_to(... like $2::text ...)"));
    }

    @Test
    void aStatementOverTheLengthLimitIsNotKept() {
        assertTrue(PoolLimits.keptPrepared("x".repeat(PoolLimits.PREPARED_SQL_LIMIT)));
        assertFalse(PoolLimits.keptPrepared("x".repeat(PoolLimits.PREPARED_SQL_LIMIT + 1)));
    }
}
