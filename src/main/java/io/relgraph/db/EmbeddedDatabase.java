package io.relgraph.db;

import java.time.Duration;
import java.util.Optional;

/**
 * The embedded server this JVM started, if any: lets tests stop and start it (readiness checks)
 * and tells operators where its data lives.
 *
 * <p>It also orders the stop: on SIGTERM the JVM runs its shutdown hooks all at once, so the
 * server's hook would terminate the connections of requests that Quarkus is still letting finish
 * ({@code quarkus.shutdown.timeout}). The hook therefore waits (bounded) until every application
 * that started in this JVM has stopped; {@link EmbeddedDatabaseLifecycle} reports both.
 */
public final class EmbeddedDatabase {

    /** Longest the server's stop waits for the application to stop; the drain itself is bounded by quarkus.shutdown.timeout. */
    private static final Duration MAX_WAIT_FOR_APPLICATION = Duration.ofSeconds(60);
    private static final Object LOCK = new Object();
    private static volatile EmbeddedPostgres current;
    private static int runningApplications;

    private EmbeddedDatabase() {
    }

    static void set(EmbeddedPostgres pg) {
        current = pg;
        pg.beforeStopOnExit(EmbeddedDatabase::awaitApplicationsStopped);
    }

    public static Optional<EmbeddedPostgres> current() {
        return Optional.ofNullable(current);
    }

    static void applicationStarted() {
        synchronized (LOCK) {
            runningApplications++;
        }
    }

    static void applicationStopped() {
        synchronized (LOCK) {
            runningApplications = Math.max(0, runningApplications - 1);
            LOCK.notifyAll();
        }
    }

    private static void awaitApplicationsStopped() {
        long deadline = System.nanoTime() + MAX_WAIT_FOR_APPLICATION.toNanos();
        synchronized (LOCK) {
            while (runningApplications > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    LOCK.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
