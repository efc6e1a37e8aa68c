package io.usagebridge.ledger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.intake.LedgerGate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL ledger holds a few connections and reuses them: many transitions, at most max-size backends. With
 * the database stopped a transition fails within the pool's connection timeout as ledger-unavailable (what the
 * routes leave in place and the intake gate pauses on), and once the database is back the pool reconnects by itself.
 * The password reaches no log line, not even Hikari's configuration dump at DEBUG (bundle/pom.xml turns it on).
 */
class PostgresLedgerPoolTest {

    private static final LedgerPoolSettings THREE = new LedgerPoolSettings(3, 1, Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60));
    /** Far below Hikari's own 30 s, so a test can tell the configured timeout from Hikari's. */
    private static final Duration FAST = Duration.ofSeconds(1);

    @TempDir
    Path folder;

    private EmbeddedPostgres postgres;
    private LedgerDatabase database;
    private ExecutorService threads;

    @AfterEach
    void stop() throws IOException {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void twoHundredTransitionsShareAtMostMaxSizeConnections() throws Exception {
        postgres = EmbeddedPostgres.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database ledger");
        }
        database = LedgerDatabase.open(postgres.getJdbcUrl("postgres", "ledger"), "postgres", "", List.of(), THREE);
        Ledger ledger = Ledger.on(database.dataSource(), instance(), Clock.systemUTC());

        try (Connection monitor = postgres.getPostgresDatabase().getConnection()) {
            Set<Integer> opened = ledgerBackends(monitor);
            assertFalse(opened.isEmpty(), "the pool keeps the connection it opened the ledger with");
            Set<Integer> seen = new HashSet<>(opened);
            int[] peak = {opened.size()};

            // 100 files, each taken in and its failure recorded: 200 transitions from 6 threads, two for each connection
            threads = Executors.newFixedThreadPool(6);
            List<Callable<Long>> files = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                files.add(() -> {
                    long id = ledger.sources().recordSource("pool-" + UUID.randomUUID() + ".csv", "folder", "intake-folder",
                            null, fingerprint());
                    ledger.sources().markSourceFailed(id, CoreFailureCode.CSV_HEADER_INVALID, "pool test");
                    synchronized (monitor) {
                        Set<Integer> now = ledgerBackends(monitor);
                        seen.addAll(now);
                        peak[0] = Math.max(peak[0], now.size());
                    }
                    return id;
                });
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> file : threads.invokeAll(files)) {
                ids.add(file.get());
            }

            assertEquals(100, ids.stream().filter(id -> CoreFailureCode.CSV_HEADER_INVALID.name()
                    .equals(ledger.sources().source(id).orElseThrow().errorCode())).count());
            Set<Integer> after = ledgerBackends(monitor);
            assertTrue(peak[0] <= 3, "at most max-size backends at any time: " + peak[0]);
            assertTrue(seen.size() <= 3, "200 transitions on at most max-size physical connections: " + seen);
            assertTrue(after.containsAll(opened), "the first connection still serves: " + opened + " in " + after);
            assertTrue(((HikariDataSource) database.dataSource()).getHikariPoolMXBean().getTotalConnections() <= 3);
        }
    }

    @Test
    void aStoppedDatabaseFailsATransitionWithinThePoolTimeoutAndThePoolReconnectsWhenItIsBack() throws Exception {
        Path data = folder.resolve("pg");
        int port = freePort();
        postgres = startPostgres(data, port);
        database = LedgerDatabase.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", List.of(),
                new LedgerPoolSettings(3, 1, FAST, Duration.ofMillis(500), Duration.ofSeconds(2),
                        Duration.ofSeconds(10)));
        Ledger ledger = Ledger.on(database.dataSource(), instance(), Clock.systemUTC());
        ledger.sources().recordSource("before.csv", "folder", "intake-folder", null, fingerprint());

        postgres.close();
        postgres = null;

        // the first try may meet a pooled connection the server closed, the next ones wait for a new one
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertThrows(LedgerUnavailableException.class, () -> ledger.sources().recordSource("during.csv", "folder",
                    "intake-folder", null, fingerprint()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(FAST.plusSeconds(2)) < 0, "failed within the pool's timeout: " + took);
        }
        LedgerGate gate = new LedgerGate(database, Clock.systemUTC());
        assertFalse(gate.open(), "intake pauses while the ledger is down");
        long asked = System.nanoTime();
        assertFalse(gate.open());
        Duration again = Duration.ofNanos(System.nanoTime() - asked);
        assertTrue(again.compareTo(Duration.ofMillis(500)) < 0, "the next consumer takes the answer just found, it "
                + "does not wait the pool's timeout again: " + again);

        postgres = startPostgres(data, port);
        long back = await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(LedgerUnavailableException.class)
                .until(() -> ledger.sources().recordSource("after.csv", "folder", "intake-folder", null, fingerprint()),
                        id -> id > 0);
        assertEquals(SourceState.RECEIVED, ledger.sources().source(back).orElseThrow().state());
        assertTrue(new LedgerGate(database, Clock.systemUTC()).open(), "intake resumes");
    }

    @Test
    void thePasswordIsInNoLogLine() throws Exception {
        postgres = EmbeddedPostgres.start(); // trust authentication: any password is taken, none is needed
        String password = "ledger-pw-" + UUID.randomUUID();
        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            database = LedgerDatabase.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", password,
                    List.of(), THREE);
            database.close();
            database = null;
        } finally {
            System.setErr(err);
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains(LedgerDatabase.POOL_NAME + " - configuration:"), "Hikari's DEBUG dump is seen: "
                + log);
        assertTrue(log.contains(LedgerDatabase.POOL_NAME + " - Start completed"), log);
        assertFalse(log.contains(password), log);
    }

    private static Set<Integer> ledgerBackends(Connection monitor) throws SQLException {
        Set<Integer> pids = new HashSet<>();
        try (Statement s = monitor.createStatement(); ResultSet rs = s.executeQuery("select pid from "
                + "pg_stat_activity where datname = 'ledger' and backend_type = 'client backend'")) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        }
        return pids;
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static LedgerInstance instance() {
        return LedgerInstance.start("pool-test", Duration.ofSeconds(60), Duration.ofSeconds(15));
    }

    private static Fingerprint fingerprint() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return new Fingerprint(hex, hex + hex, 10, 1);
    }
}
