package io.usagebridge.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.usagebridge.MovingClock;

/**
 * What the console reads, on every database the ledger supports (H2 and PostgreSQL subclasses): files found by
 * state, target, time, name (its LIKE wildcards taken literally) and hash; their state per target; counts and files
 * per hour, where a replayed file counts once, as its latest intake. Rows are written as the ledger holds them.
 */
abstract class JourneysTest {

    static final Instant NOW = Instant.parse("2026-11-01T10:30:00Z");

    protected abstract DataSource dataSource();

    private Journeys journeys;
    private Jdbi jdbi;
    /** Names of this test's files start with it: the class's tests share one database. */
    private String run;

    @BeforeEach
    void openJourneys() {
        jdbi = Jdbi.create(dataSource());
        journeys = new Journeys(dataSource(), LedgerInstance.start("console", Duration.ofSeconds(60),
                Duration.ofSeconds(15)), new MovingClock(NOW));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void filesAreFoundByStateTargetTimeNameAndHash() {
        long done = source(run + "-usage_1.csv", "aa" + run, SourceState.DONE, NOW.minusSeconds(600));
        long failed = source(run + "-usage%2.csv", "bb" + run, SourceState.FAILED, NOW.minusSeconds(60));
        delivery(done, "aa" + run, "twocheckout", 1, DeliveryState.ACCEPTED);
        delivery(failed, "bb" + run, "zuora", 1, DeliveryState.ACCEPTED);
        delivery(failed, "bb" + run, "zuora", 2, DeliveryState.REJECTED);

        assertEquals(List.of(failed, done), ids(search(null, null, null, null, run)), "newest first");
        assertEquals(List.of(done), ids(search(SourceState.DONE, null, null, null, run)));
        assertEquals(List.of(failed), ids(search(null, "zuora", null, null, run)));
        assertEquals(List.of(failed), ids(search(null, null, NOW.minusSeconds(300), null, run)));
        assertEquals(List.of(done), ids(search(null, null, null, NOW.minusSeconds(300), run)));
        // '_' and '%' in a name are letters, not wildcards
        assertEquals(List.of(done), ids(search(null, null, null, null, run + "-USAGE_1")));
        assertEquals(List.of(failed), ids(search(null, null, null, null, run + "-usage%")));
        assertEquals(List.of(failed), ids(journeys.find(new SourceSearch(null, null, null, null, null,
                sha("bb" + run).substring(0, 12), 10))));
        assertEquals(List.of(done), ids(journeys.find(new SourceSearch(null, null, null, null, null,
                md5("aa" + run).substring(0, 10).toUpperCase(), 10))));
        assertEquals(List.of(), journeys.find(new SourceSearch(null, null, null, null, null, "not-hex", 10)));
        assertEquals(1, journeys.find(new SourceSearch(null, null, null, null, run, null, 1)).size());

        TargetStates zuora = journeys.targetStates(List.of(failed)).get(failed).get(0);
        assertEquals(DeliveryState.REJECTED, zuora.state(), "one rejected chunk names the file's state there");
        assertEquals(2, zuora.chunks());
        assertEquals(Map.of(DeliveryState.ACCEPTED, 1, DeliveryState.REJECTED, 1), zuora.byState());
    }

    @Test
    void aReplayedFileCountsOnceAsItsLatestIntake() {
        Instant from = NOW.minusSeconds(1800);
        long before = count(from, null, "DONE") + count(from, null, "FAILED");
        long failedFirst = source(run + "-replayed.csv", "cc" + run, SourceState.FAILED, NOW.minusSeconds(900));
        long replay = source(run + "-replayed.csv", "cc" + run, SourceState.DONE, NOW.minusSeconds(300));
        long duplicate = source(run + "-replayed.csv", "cc" + run, SourceState.DUPLICATE, NOW.minusSeconds(200));
        delivery(replay, "cc" + run, "twocheckout", 1, DeliveryState.ACCEPTED);

        assertEquals(Map.of(failedFirst, replay, replay, duplicate),
                journeys.laterIntakes(List.of(failedFirst, replay, duplicate)));
        assertEquals(before + 1, count(from, null, "DONE") + count(from, null, "FAILED"),
                "the failed first intake is not counted beside its replay; the duplicate does not hide the replay");
        List<HourlyOutcomes> hours = journeys.perHour(2);
        assertEquals(2, hours.size());
        assertEquals(Instant.parse("2026-11-01T10:00:00Z"), hours.get(1).hour());
        assertEquals(0, hours.get(0).done());
    }

    private long count(Instant from, String target, String state) {
        return journeys.counts(from, NOW).stream().filter(c -> java.util.Objects.equals(c.target(), target)
                && c.state().equals(state)).mapToLong(StateCount::count).sum();
    }

    private List<SourceRow> search(SourceState state, String target, Instant from, Instant to, String name) {
        return journeys.find(new SourceSearch(state, target, from, to, name, null, 100));
    }

    private static List<Long> ids(List<SourceRow> rows) {
        return rows.stream().map(SourceRow::id).toList();
    }

    private long source(String name, String content, SourceState state, Instant received) {
        return jdbi.withHandle(h -> h.createUpdate("insert into source_file (name, origin, sha256, md5, bytes, "
                + "row_count, state, node_id, received_at) values (?, 'folder:inbox', ?, ?, 100, 3, ?, 'test', ?)")
                .bind(0, name).bind(1, sha(content)).bind(2, md5(content)).bind(3, state.name())
                .bind(4, Timestamp.from(received)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private void delivery(long source, String content, String target, int chunk, DeliveryState state) {
        jdbi.useHandle(h -> h.createUpdate("insert into delivery (source_id, content_sha256, target, chunk_no, "
                + "chunk_count, state, created_at, updated_at) values (?, ?, ?, ?, 2, ?, ?, ?)").bind(0, source)
                .bind(1, sha(content)).bind(2, target).bind(3, chunk).bind(4, state.name())
                .bind(5, Timestamp.from(NOW)).bind(6, Timestamp.from(NOW)).execute());
    }

    private static String sha(String content) {
        return hex("SHA-256", content);
    }

    private static String md5(String content) {
        return hex("MD5", content);
    }

    private static String hex(String algorithm, String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
