package io.usagebridge.alerts.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usagebridge.MovingClock;
import io.usagebridge.alerts.AlertPayloads;
import io.usagebridge.alerts.ledger.AlertChannel;
import io.usagebridge.alerts.ledger.AlertKind;
import io.usagebridge.alerts.ledger.AlertLedger;
import io.usagebridge.alerts.ledger.AlertRow;
import io.usagebridge.alerts.ledger.TestLedgerRows;
import io.usagebridge.ledger.LedgerInstance;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * A schedule "daily by 02:00 UTC, grace 2 h" on a clock the test moves: nothing before 04:00, one file-missed alert
 * right after (for both channels), none when a file like the pattern came from the source in the window whatever its
 * outcome, again the next day when missed again, and once however many scanners share the ledger. Run on H2 and on
 * PostgreSQL.
 */
abstract class MissedFileScannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TODAY_0300 = Instant.parse("2026-12-03T03:00:00Z");
    private static final FileSchedule NIGHTLY = new FileSchedule("nightly", "intake-folder", "usage-*.csv", null,
            LocalTime.of(2, 0), ZoneOffset.UTC, Duration.ofHours(2));

    private final MovingClock clock = new MovingClock(TODAY_0300);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    protected abstract DataSource dataSource();

    @BeforeEach
    void emptyTables() throws Exception {
        TestLedgerRows.empty(dataSource());
    }

    @Test
    void nothingBeforeTheDeadlineThenOneAlertForBothChannelsRightAfter() throws Exception {
        MissedFileScanner scanner = scanner(instance("node-a"), NIGHTLY);
        assertEquals(0, scanner.scan(), "03:00: the file may still come");
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertEquals(0, scanner.scan(), "03:59:59: within the grace");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, scanner.scan(), "04:00:01: missed");
        assertEquals(0, scanner.scan(), "once per window");

        List<AlertRow> sends = ledger(instance("reader")).alerts();
        assertEquals(EnumSet.allOf(AlertChannel.class), EnumSet.copyOf(sends.stream().map(AlertRow::channel).toList()),
                "one send per channel");
        assertEquals(2, sends.size());
        AlertRow alert = sends.get(0);
        assertEquals("file-missed", alert.kind());
        assertEquals("schedule:nightly:2026-12-03T04:00:00Z", alert.subject());
        JsonNode body = JSON.readTree(alert.payload());
        assertEquals(alert.id(), body.get("id").asLong());
        assertEquals("nightly", body.at("/schedule/name").asText());
        assertEquals("intake-folder", body.at("/schedule/source").asText());
        assertEquals("usage-*.csv", body.at("/schedule/pattern").asText());
        assertEquals("2026-12-03T02:00:00Z", body.at("/schedule/expectedBy").asText());
        assertEquals("2026-12-03T04:00:00Z", body.at("/schedule/deadline").asText());
        assertEquals("2026-12-02T04:00:00Z", body.at("/schedule/windowStart").asText());
        assertEquals("https://ub.example.com/console/", body.get("consoleUrl").asText());
        assertEquals(1.0, missed("nightly"));
    }

    @Test
    void aFileLikeThePatternFromTheSourceInTheWindowRaisesNothingWhateverItsOutcome() throws Exception {
        TestLedgerRows.insertSource(dataSource(), "usage-2026-12-02.csv", "FAILED", "intake-folder",
                Instant.parse("2026-12-02T23:10:00Z"));
        clock.advance(Duration.ofHours(2));
        assertEquals(0, scanner(instance("node-a"), NIGHTLY).scan());
        assertEquals(0.0, missed("nightly"), "the counter exists from the start, at zero");
    }

    @Test
    void aFileOfAnotherNameOrSourceOrBeforeTheWindowDoesNotCount() throws Exception {
        TestLedgerRows.insertSource(dataSource(), "other.csv", "DONE", "intake-folder",
                Instant.parse("2026-12-02T23:10:00Z"));
        TestLedgerRows.insertSource(dataSource(), "usage-1.csv", "DONE", "intake-sftp",
                Instant.parse("2026-12-02T23:10:00Z"));
        // yesterday's file, within yesterday's grace: it counts for yesterday's window
        TestLedgerRows.insertSource(dataSource(), "usage-2.csv", "DONE", "intake-folder",
                Instant.parse("2026-12-02T03:59:00Z"));
        clock.advance(Duration.ofHours(2));
        assertEquals(1, scanner(instance("node-a"), NIGHTLY).scan());
    }

    @Test
    void theNextWindowAlertsAgainWhenTheFileIsMissedAgain() throws Exception {
        MissedFileScanner scanner = scanner(instance("node-a"), NIGHTLY);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertEquals(1, scanner.scan());
        clock.advance(Duration.ofHours(12));
        assertEquals(0, scanner.scan(), "16:00: today's window is open");
        clock.advance(Duration.ofHours(12));
        assertEquals(1, scanner.scan(), "04:00:01 the next day: missed again");
        assertEquals(List.of("schedule:nightly:2026-12-03T04:00:00Z", "schedule:nightly:2026-12-04T04:00:00Z"),
                ledger(instance("reader")).subjects(AlertKind.FILE_MISSED));
        assertEquals(2.0, missed("nightly"));
    }

    @Test
    void twoScannersOnOneLedgerRaiseEachMissOnce() throws Exception {
        List<FileSchedule> schedules = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            schedules.add(new FileSchedule("s" + i, null, "usage-" + i + "-*.csv", null, LocalTime.of(2, 0),
                    ZoneOffset.UTC, Duration.ofHours(2)));
        }
        MissedFileScanner a = scanner(instance("node-a"), schedules.toArray(FileSchedule[]::new));
        MissedFileScanner b = scanner(instance("node-b"), schedules.toArray(FileSchedule[]::new));
        clock.advance(Duration.ofHours(2));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (MissedFileScanner scanner : List.of(a, b)) {
                results.add(pool.submit(() -> {
                    start.await();
                    int raised = 0;
                    for (int i = 0; i < 5; i++) {
                        raised += scanner.scan();
                    }
                    return raised;
                }));
            }
            start.countDown();
            int raised = 0;
            for (Future<Integer> result : results) {
                raised += result.get();
            }
            assertEquals(5, raised, "each schedule's miss raised by exactly one of the two");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5, ledger(instance("reader")).subjects(AlertKind.FILE_MISSED).size());
        assertTrue(ledger(instance("reader")).alerts().stream().allMatch(r -> r.attempts() == 0));
    }

    private double missed(String schedule) {
        return meters.get("usagebridge.files.missed").tag("schedule", schedule).counter().count();
    }

    private MissedFileScanner scanner(LedgerInstance instance, FileSchedule... schedules) {
        // a look-back of an hour: yesterday's window (closed 23 hours before the test's start) raises nothing
        return new MissedFileScanner(ledger(instance), List.of(schedules), new AlertPayloads("https://ub.example.com"),
                new UsageBridgeMetrics(meters), Duration.ofHours(1), clock);
    }

    private AlertLedger ledger(LedgerInstance instance) {
        return new AlertLedger(dataSource(), instance, clock, EnumSet.of(AlertChannel.WEBHOOK, AlertChannel.MAIL));
    }

    private static LedgerInstance instance(String label) {
        return LedgerInstance.start(label, Duration.ofSeconds(60), Duration.ofSeconds(15));
    }
}
