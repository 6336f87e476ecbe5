package io.relgraph.replica;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.relgraph.Database;

/** The application's server's write-ahead log, read beside the API (plain JDBC, {@link Database}). */
final class Wal {

    private Wal() {
    }

    /**
     * The server's WAL insert position. Spelled otherwise than the application's read of it
     * ({@link CommitPosition#STATEMENT}), so that pg_stat_statements does not count it as one.
     */
    static long insertPosition() {
        return ((Number) Database.value("select (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint")).longValue();
    }

    /** The transaction that wrote a row's current version (its {@code xmin}). */
    static String writer(String table, String where, Object... params) {
        Object xid = Database.value("select xmin::text from " + table + " where " + where, params);
        assertNotNull(xid, table + " row where " + where);
        return (String) xid;
    }

    /**
     * The end of the commit record of transaction {@code xid}, found in the WAL between {@code from} and
     * {@code to} with pg_walinspect; -1 when the server does not let the tests use it (an external server
     * without the extension or the rights). Waits until the WAL is flushed that far first: the embedded
     * server commits with {@code synchronous_commit=off} (its WAL writer flushes within
     * {@code wal_writer_delay}), and pg_walinspect reads only what is flushed.
     */
    static long commitRecordEnd(String xid, long from, long to) {
        try {
            Database.update("create extension if not exists pg_walinspect");
        } catch (IllegalStateException noWalinspect) {
            return -1;
        }
        long deadline = System.nanoTime() + 60_000_000_000L; // a bound for a loaded machine, not a measure
        while (!Lsn.atLeast(((Number) Database.value("select (pg_current_wal_flush_lsn() - '0/0'::pg_lsn)::bigint")).longValue(), to)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the WAL was not flushed to " + Lsn.format(to) + " within 60 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        Object end = Database.value("select (max(end_lsn) - '0/0'::pg_lsn)::bigint from pg_get_wal_records_info(?::pg_lsn, ?::pg_lsn)"
                + " where resource_manager = 'Transaction' and record_type like 'COMMIT%' and xid::text = ?", Lsn.format(from), Lsn.format(to), xid);
        assertNotNull(end, "transaction " + xid + "'s commit record between " + Lsn.format(from) + " and " + Lsn.format(to));
        return ((Number) end).longValue();
    }
}
