package io.relgraph.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged application, started by its launcher with a persistent embedded database, stopped
 * under a write load from several threads: by SIGTERM (requests in flight complete, the database is
 * stopped cleanly) and by kill -9. Either way, after a restart every write the clients saw
 * acknowledged is in the database, read over SQL.
 */
class ShutdownUnderLoadIT {

    private static final int WRITERS = 8;

    private Path dataDir;
    private final List<PackagedApp> started = new ArrayList<>();

    @BeforeEach
    void dataDir() throws IOException {
        dataDir = Files.createTempDirectory("relgraph-shutdown-it").resolve("data");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (PackagedApp app : started) {
            if (app.process.isAlive()) {
                app.process.destroy();
                app.process.waitFor(60, TimeUnit.SECONDS);
            }
        }
        EmbeddedPostgres.deleteRecursively(dataDir.getParent());
    }

    @Test
    void sigtermUnderWriteLoadFinishesRequestsInFlightAndLosesNoAcknowledgedWrite() throws Exception {
        PackagedApp app = start("shutdown-it-sigterm-1");
        Writers writers = new Writers(app, "Sigterm");
        int blocked;
        try (Connection lock = app.sql()) {
            writers.awaitAcknowledged(20);
            // hold the writers' statements in PostgreSQL, so that requests are certainly in flight at SIGTERM
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE department IN ACCESS EXCLUSIVE MODE");
            }
            blocked = awaitWaitingOnLock(lock, WRITERS / 2);
            writers.sigtermAt.set(System.nanoTime());
            app.process.destroy(); // SIGTERM
            Thread.sleep(1000);
            assertTrue(app.process.isAlive(), "the application waits for the requests in flight");
            lock.rollback();
        }
        assertTrue(app.process.waitFor(60, TimeUnit.SECONDS), "the drain is bounded");
        writers.stop();

        assertTrue(writers.acknowledgedAfterSigterm.get() >= blocked,
                blocked + " requests were in flight at SIGTERM, only " + writers.acknowledgedAfterSigterm + " completed");
        assertEquals(List.of(), writers.unexpected.stream().limit(5).toList(), "no 5xx but 503 while draining, no INTERNAL");
        assertFalse(Files.exists(dataDir.resolve("postmaster.pid")), "the embedded PostgreSQL was stopped cleanly");
        assertAllStored(writers);
    }

    @Test
    void killMinusNineUnderWriteLoadLosesNoAcknowledgedWrite() throws Exception {
        PackagedApp app = start("shutdown-it-kill-1");
        Writers writers = new Writers(app, "Kill9");
        writers.awaitAcknowledged(30);
        app.process.destroyForcibly().waitFor();
        writers.stop();
        assertEquals(List.of(), writers.unexpected.stream().limit(5).toList());
        assertAllStored(writers);
    }

    private PackagedApp start(String log) throws Exception {
        PackagedApp app = PackagedApp.launch(dataDir, log);
        started.add(app);
        return app;
    }

    /** Restarts on the same data and reads every acknowledged name back over SQL. */
    private void assertAllStored(Writers writers) throws Exception {
        assertTrue(writers.acknowledged.size() > 0);
        PackagedApp again = start("shutdown-it-restart");
        Set<String> stored = new HashSet<>();
        try (Connection c = again.sql(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name from department where name like '" + writers.prefix + "-%'")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        List<String> lost = writers.acknowledged.stream().filter(n -> !stored.contains(n)).toList();
        assertEquals(List.of(), lost, "acknowledged writes missing after the restart (" + writers.acknowledged.size() + " acknowledged)");
    }

    private static int awaitWaitingOnLock(Connection c, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int waiting = 0;
        while (System.nanoTime() < deadline) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
                rs.next();
                waiting = rs.getInt(1);
            }
            if (waiting >= atLeast) {
                return waiting;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("only " + waiting + " writes reached the lock");
    }

    /** Threads that create departments until stopped or the server is gone, recording what was acknowledged. */
    private static final class Writers {
        final String prefix;
        final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        final AtomicInteger acknowledgedAfterSigterm = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong sigtermAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Writers(PackagedApp app, String prefix) {
            this.prefix = prefix + "-" + System.nanoTime();
            AtomicInteger seq = new AtomicInteger();
            for (int i = 0; i < WRITERS; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        String name = this.prefix + "-" + seq.incrementAndGet();
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> r = app.post(PackagedApp.createDepartment(name));
                            String body = r.body();
                            if (r.statusCode() == 200 && !body.contains("\"errors\"") && body.contains("\"name\":\"" + name + "\"")) {
                                acknowledged.add(name);
                                if (sent < sigtermAt.get() && System.nanoTime() > sigtermAt.get()) {
                                    acknowledgedAfterSigterm.incrementAndGet();
                                }
                            } else if (r.statusCode() == 503 && sent > sigtermAt.get()) {
                                // refused while draining: not acknowledged, fine
                            } else if (r.statusCode() != 200 || !body.contains("\"UNAVAILABLE\"")) {
                                unexpected.add(r.statusCode() + " " + body);
                            }
                        } catch (IOException gone) {
                            if (!app.process.isAlive()) {
                                return;
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "writer-" + i);
                t.start();
                threads.add(t);
            }
        }

        void awaitAcknowledged(int n) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(acknowledged.size() >= n, "only " + acknowledged.size() + " writes acknowledged");
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(90).toMillis());
            }
        }
    }
}
