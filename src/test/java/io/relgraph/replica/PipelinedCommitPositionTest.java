package io.relgraph.replica;

import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/**
 * The claim {@link CommitPosition#autocommit} rests on, seen on the wire: the read of the position is sent
 * on the write's connection right behind the write, before the write has answered, and still reads a
 * position past the write's commit. The client talks to the application's server through a tap that
 * keeps what it sends; the write waits for a row lock this test holds, so it cannot answer, and by then
 * both commands' messages (each ending with Sync) must have gone out. Once the lock is released, the
 * position must be at or past the end of the write's commit record (pg_walinspect, where the server lets
 * the test use it).
 */
@QuarkusTest
class PipelinedCommitPositionTest {

    private static final String UPDATE = "update department_employee_link set extra_data = $3 where department_id = $1 and employee_id = $2"
            + " returning extra_data";

    @Inject
    Vertx vertx;

    @Test
    void thePositionIsSentBehindTheWriteBeforeItAnswersAndReadsPastItsCommit() throws Exception {
        String name = unique("Pipelined");
        long department = ((Number) Database.value("insert into department (name) values (?) returning id", name)).longValue();
        long employee = ((Number) Database.value("insert into employee (name) values (?) returning id", name)).longValue();
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, 'x')", department, employee);
        Config config = ConfigProvider.getConfig();
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        PgConnectOptions server = PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url", String.class)
                .replaceFirst("^(vertx-reactive:|jdbc:)", ""));

        try (Tap tap = new Tap(server.getHost(), server.getPort())) {
            PgConnectOptions viaTap = new PgConnectOptions(server).setHost("127.0.0.1").setPort(tap.port()).setUser(user).setPassword(password)
                    .setCachePreparedStatements(true);
            Pool pool = PgPool.pool(vertx, viaTap, new PoolOptions().setMaxSize(1));
            try {
                // both statements prepared on the one connection first, so that neither waits for its Parse
                await(CommitPosition.autocommit(pool, new CommitPosition(), UPDATE, Tuple.of(department, employee, "warm")));
                try (Connection locker = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), user, password)) {
                    locker.setAutoCommit(false);
                    locker.createStatement().execute("select 1 from department_employee_link where department_id = " + department
                            + " and employee_id = " + employee + " for update");
                    int mark = tap.sent();
                    long before = Wal.insertPosition();
                    CommitPosition position = new CommitPosition();
                    Future<RowSet<Row>> written = CommitPosition.autocommit(pool, position, UPDATE, Tuple.of(department, employee, "locked"));

                    within("the write waits for the row's lock on the server", () -> Database.count("select count(*) from pg_stat_activity"
                            + " where wait_event_type = 'Lock' and query like 'update department_employee_link set extra_data%'") >= 1);
                    within("both commands sent: the write's messages and the position's, each ending with Sync",
                            () -> syncs(tap.sentSince(mark)) == 2);
                    assertFalse(written.isComplete(), "the write has not answered: the position's read did not wait for it");

                    locker.commit();
                    assertEquals("locked", await(written).iterator().next().getString(0));
                    long after = Wal.insertPosition();
                    assertNotNull(position.value(), "the position was read");
                    long read = Lsn.parse(position.value());
                    assertTrue(Lsn.atLeast(read, before) && Lsn.atLeast(after, read), position.value());
                    long commitEnd = Wal.commitRecordEnd(Wal.writer("department_employee_link", "department_id = ? and employee_id = ?",
                            department, employee), before, after);
                    if (commitEnd >= 0) {
                        assertTrue(Lsn.atLeast(read, commitEnd), "read " + position.value() + " is short of the write's commit record's end "
                                + Lsn.format(commitEnd));
                    }
                }
            } finally {
                await(pool.close());
            }
        }
    }

    /** How many Sync messages ('S') the frontend messages in {@code bytes} hold (type byte, then a length that counts itself). */
    private static int syncs(byte[] bytes) {
        int count = 0;
        int i = 0;
        while (i + 5 <= bytes.length) {
            int length = (bytes[i + 1] & 0xff) << 24 | (bytes[i + 2] & 0xff) << 16 | (bytes[i + 3] & 0xff) << 8 | (bytes[i + 4] & 0xff);
            if (i + 1 + length > bytes.length) {
                break;
            }
            if (bytes[i] == 'S') {
                count++;
            }
            i += 1 + length;
        }
        return count;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** Waits (at most 60 s: a bound for a loaded machine, not a measure) until {@code condition} holds. */
    private static void within(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A TCP relay to the server that keeps every byte the client sends. */
    private static final class Tap implements AutoCloseable {

        private final ServerSocket listener;
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        Tap(String host, int port) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket client = listener.accept();
                        Socket upstream = new Socket(host, port);
                        client.setTcpNoDelay(true);
                        upstream.setTcpNoDelay(true);
                        sockets.add(client);
                        sockets.add(upstream);
                        pump(client, upstream, true);
                        pump(upstream, client, false);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "tap-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        /** How many bytes the client has sent so far. */
        int sent() {
            synchronized (sent) {
                return sent.size();
            }
        }

        byte[] sentSince(int mark) {
            synchronized (sent) {
                byte[] all = sent.toByteArray();
                return java.util.Arrays.copyOfRange(all, mark, all.length);
            }
        }

        /** Relays what {@code from} sends to {@code to}; when either side closes, closes both (a client waits for the close of its Terminate). */
        private void pump(Socket from, Socket to, boolean keep) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (from; to) {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    for (int n; (n = in.read(buffer)) > 0;) {
                        if (keep) {
                            synchronized (sent) {
                                sent.write(buffer, 0, n);
                            }
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException closed) {
                    // either side closed
                }
            }, keep ? "tap-to-server" : "tap-to-client");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
