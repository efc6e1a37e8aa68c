package io.usagebridge.alerts.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.MovingClock;
import io.usagebridge.alerts.AlertPayloads;
import io.usagebridge.alerts.AlertScanner;
import io.usagebridge.ledger.LedgerInstance;

/**
 * Alerts in the ledger as several instances share it: each condition is raised once whichever scanners find it at
 * the same time, a due alert is taken by one instance, a dead instance's claim runs out, rows a target refused
 * make a rows-rejected alert with their count. Run on H2 and on PostgreSQL.
 */
abstract class AlertLedgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // whole seconds: a frozen clock must not lose to the database rounding its sub-microseconds
    private final MovingClock clock = new MovingClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

    protected abstract DataSource dataSource();

    @BeforeEach
    void emptyTables() throws Exception {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from alert");
            s.execute("delete from delivery");
            s.execute("delete from source_file");
        }
    }

    @Test
    void twoScannersOnOneLedgerRaiseEachAlertOnce() throws Exception {
        List<Long> failed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            failed.add(insertSource("usage-" + i + ".csv", "FAILED"));
        }
        long uncertainSource = insertSource("uncertain.csv", "UNCERTAIN");
        insertDelivery(uncertainSource, "UNCERTAIN", null);
        AlertScanner a = scanner(instance("node-a"));
        AlertScanner b = scanner(instance("node-b"));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Integer>> scans = List.of(() -> scanAfter(start, a), () -> scanAfter(start, b));
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> scan : scans) {
                results.add(pool.submit(scan));
            }
            start.countDown();
            int raised = 0;
            for (Future<Integer> result : results) {
                raised += result.get();
            }
            assertEquals(11, raised, "each alert raised by exactly one of the two");
        } finally {
            pool.shutdownNow();
        }
        // and later scans by either raise nothing again
        assertEquals(0, a.scan() + b.scan());
        List<AlertRow> alerts = ledger(instance("reader")).alerts();
        assertEquals(11, alerts.size());
        assertEquals(10, alerts.stream().filter(r -> r.kind().equals("file-failed")).count());
        assertEquals(1, alerts.stream().filter(r -> r.kind().equals("delivery-uncertain")).count());
        assertTrue(alerts.stream().allMatch(r -> r.state() == AlertState.PENDING && r.attempts() == 0));
        for (AlertRow alert : alerts) {
            JsonNode body = JSON.readTree(alert.payload());
            assertEquals(alert.id(), body.get("id").asLong(), "the body names its own alert");
            assertEquals(alert.kind(), body.get("kind").asText());
            assertEquals("https://ub.example.com/console/#file-" + alert.sourceId(), body.get("consoleUrl").asText());
        }
    }

    @Test
    void theUniqueConstraintRefusesASecondAlertOfOneSubject() {
        AlertLedger a = ledger(instance("node-a"));
        AlertLedger b = ledger(instance("node-b"));
        assertTrue(a.raise(AlertKind.FILE_FAILED, "source:99", null, null, id -> "{}").isPresent());
        assertFalse(b.raise(AlertKind.FILE_FAILED, "source:99", null, null, id -> "{}").isPresent());
        assertTrue(b.raise(AlertKind.DELIVERY_UNCERTAIN, "source:99", null, null, id -> "{}").isPresent(),
                "another kind is another alert");
        assertEquals(2, a.alerts().size());
    }

    @Test
    void rowsATargetRefusedRaiseARowsRejectedAlertWithTheirCount() throws Exception {
        long source = insertSource("zuora.csv", "FAILED");
        long delivery = insertDelivery(source, "REJECTED", 3L);
        assertEquals(2, scanner(instance("node-a")).scan(), "file-failed and rows-rejected");
        AlertRow rejected = ledger(instance("reader")).alerts().stream()
                .filter(r -> r.kind().equals("rows-rejected")).findFirst().orElseThrow();
        assertEquals(delivery, rejected.deliveryId());
        JsonNode body = JSON.readTree(rejected.payload());
        assertEquals(3, body.at("/delivery/rejectedRows").asLong());
        assertEquals(10, body.at("/delivery/remoteRows").asLong());
        assertEquals("zuora-soap", body.at("/delivery/target").asText());
        assertEquals("zuora.csv", body.at("/file/name").asText());
        assertEquals(0, scanner(instance("node-b")).scan());
    }

    @Test
    void conditionsOlderThanTheLookBackRaiseNothing() throws Exception {
        insertSource("old.csv", "FAILED");
        clock.advance(Duration.ofDays(2));
        assertEquals(0, scanner(instance("node-a")).scan());
    }

    @Test
    void aDueAlertIsTakenByOneInstanceAndADeadInstancesClaimRunsOut() {
        AlertLedger a = ledger(instance("node-a"));
        AlertLedger b = ledger(instance("node-b"));
        long id = a.raise(AlertKind.FILE_FAILED, "source:7", null, null, x -> "{}").orElseThrow().id();
        assertEquals(1, a.takeDue(10).size());
        assertTrue(b.takeDue(10).isEmpty(), "held by node-a under its lease");
        // node-a dies before it sends: its lease runs out and node-b takes the alert over
        clock.advance(Duration.ofSeconds(61));
        assertEquals(List.of(id), b.takeDue(10).stream().map(AlertRow::id).toList());
        assertFalse(a.markSent(id), "fenced: node-a's token no longer holds it");
        assertTrue(b.markSent(id));
        assertEquals(AlertState.SENT, b.alert(id).orElseThrow().state());
        assertTrue(b.takeDue(10).isEmpty(), "sent once");
    }

    private static int scanAfter(CountDownLatch start, AlertScanner scanner) throws InterruptedException {
        start.await();
        int raised = 0;
        for (int i = 0; i < 5; i++) {
            raised += scanner.scan();
        }
        return raised;
    }

    private AlertScanner scanner(LedgerInstance instance) {
        return new AlertScanner(ledger(instance), new AlertPayloads("https://ub.example.com"), Duration.ofDays(1),
                100, clock);
    }

    private AlertLedger ledger(LedgerInstance instance) {
        return new AlertLedger(dataSource(), instance, clock);
    }

    private static LedgerInstance instance(String label) {
        return LedgerInstance.start(label, Duration.ofSeconds(60), Duration.ofSeconds(15));
    }

    private long insertSource(String name, String state) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement("insert into "
                + "source_file (name, origin, sha256, md5, bytes, row_count, state, node_id, received_at, "
                + "finished_at, moved) values (?, 'inbox', ?, ?, 100, 10, ?, 'test', ?, ?, true)",
                Statement.RETURN_GENERATED_KEYS)) {
            Timestamp now = Timestamp.from(clock.instant());
            s.setString(1, name);
            s.setString(2, "a".repeat(64));
            s.setString(3, "b".repeat(32));
            s.setString(4, state);
            s.setTimestamp(5, now);
            s.setTimestamp(6, now);
            s.executeUpdate();
            return generatedId(s);
        }
    }

    private long insertDelivery(long sourceId, String state, Long remoteFailed) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement("insert into "
                + "delivery (source_id, content_sha256, target, chunk_no, chunk_count, state, remote_total, "
                + "remote_failed, attempts, created_at, updated_at) values (?, ?, 'zuora-soap', 0, 1, ?, 10, ?, 1, "
                + "?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            Timestamp now = Timestamp.from(clock.instant());
            s.setLong(1, sourceId);
            s.setString(2, Long.toString(sourceId).repeat(64).substring(0, 64));
            s.setString(3, state);
            if (remoteFailed == null) {
                s.setNull(4, java.sql.Types.BIGINT);
            } else {
                s.setLong(4, remoteFailed);
            }
            s.setTimestamp(5, now);
            s.setTimestamp(6, now);
            s.executeUpdate();
            return generatedId(s);
        }
    }

    private static long generatedId(PreparedStatement s) throws Exception {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
