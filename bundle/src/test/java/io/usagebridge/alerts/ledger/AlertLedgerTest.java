package io.usagebridge.alerts.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
        TestLedgerRows.empty(dataSource());
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
        long id = a.raise(AlertKind.FILE_FAILED, "source:7", null, null, x -> "{}").orElseThrow();
        List<AlertRow> takenByA = a.takeDue(AlertChannel.WEBHOOK, 10);
        assertEquals(1, takenByA.size());
        assertTrue(b.takeDue(AlertChannel.WEBHOOK, 10).isEmpty(), "held by node-a under its lease");
        // node-a dies before it sends: its lease runs out and node-b takes the alert over
        clock.advance(Duration.ofSeconds(61));
        List<AlertRow> takenByB = b.takeDue(AlertChannel.WEBHOOK, 10);
        assertEquals(List.of(id), takenByB.stream().map(AlertRow::id).toList());
        assertFalse(a.markSent(takenByA.get(0)), "fenced: node-a's token no longer holds it");
        assertTrue(b.markSent(takenByB.get(0)));
        assertEquals(AlertState.SENT, b.alert(AlertChannel.WEBHOOK, id).orElseThrow().state());
        assertTrue(b.takeDue(AlertChannel.WEBHOOK, 10).isEmpty(), "sent once");
    }

    @Test
    void eachChannelSendsAnAlertOnceOnItsOwnAttemptsWhicheverInstanceTakesIt() {
        AlertLedger a = new AlertLedger(dataSource(), instance("node-a"), clock, EnumSet.allOf(AlertChannel.class));
        AlertLedger b = new AlertLedger(dataSource(), instance("node-b"), clock, EnumSet.allOf(AlertChannel.class));
        long id = a.raise(AlertKind.FILE_MISSED, "schedule:nightly:2026-12-03T04:00:00Z", null, null, x -> "{}")
                .orElseThrow();
        AlertRow webhook = a.takeDue(AlertChannel.WEBHOOK, 10).get(0);
        AlertRow mail = b.takeDue(AlertChannel.MAIL, 10).get(0);
        assertEquals(id, mail.id(), "the same alert, taken for mail by another instance");
        assertTrue(b.markSent(mail));
        assertTrue(a.retryAt(webhook, clock.instant().plusSeconds(30), "the webhook answered HTTP 503"));

        assertTrue(a.takeDue(AlertChannel.MAIL, 10).isEmpty() && b.takeDue(AlertChannel.MAIL, 10).isEmpty(),
                "mailed once");
        assertTrue(b.takeDue(AlertChannel.WEBHOOK, 10).isEmpty(), "the webhook's retry is not due yet");
        clock.advance(Duration.ofSeconds(31));
        AlertRow retry = b.takeDue(AlertChannel.WEBHOOK, 10).get(0);
        assertEquals(1, retry.attempts());
        assertTrue(b.markSent(retry));
        assertEquals(AlertState.SENT, a.alert(AlertChannel.MAIL, id).orElseThrow().state());
        assertEquals(1, a.alert(AlertChannel.MAIL, id).orElseThrow().attempts());
        assertEquals(2, a.alert(AlertChannel.WEBHOOK, id).orElseThrow().attempts());
        assertEquals(0, a.count(AlertState.PENDING));
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
        return new AlertLedger(dataSource(), instance, clock, Set.of(AlertChannel.WEBHOOK));
    }

    private static LedgerInstance instance(String label) {
        return LedgerInstance.start(label, Duration.ofSeconds(60), Duration.ofSeconds(15));
    }

    private long insertSource(String name, String state) throws Exception {
        return TestLedgerRows.insertSource(dataSource(), name, state, "inbox", clock.instant());
    }

    private long insertDelivery(long sourceId, String state, Long remoteFailed) throws Exception {
        return TestLedgerRows.insertDelivery(dataSource(), sourceId, state, remoteFailed, clock.instant());
    }
}
