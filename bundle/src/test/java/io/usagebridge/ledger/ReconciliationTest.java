package io.usagebridge.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.usagebridge.MovingClock;

/**
 * The daily reconciliation on every database the ledger supports (H2 and PostgreSQL subclasses): per target, rows
 * sent, billed, refused (a job's refused records and whole refused chunks), failed, pending, and uncertain
 * deliveries, of the files received on that day only.
 */
abstract class ReconciliationTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-01");
    private static final Instant NOW = Instant.parse("2026-11-01T10:30:00Z");

    protected abstract DataSource dataSource();

    private Reconciliation reconciliation;
    private Jdbi jdbi;
    /** Target names start with it: the class's tests share one database. */
    private String run;

    @BeforeEach
    void open() {
        jdbi = Jdbi.create(dataSource());
        reconciliation = new Reconciliation(dataSource(), LedgerInstance.start("report", Duration.ofSeconds(60),
                Duration.ofSeconds(15)), new MovingClock(NOW));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everyRowOfTheDaysFilesIsAccountedForPerTarget() {
        String zuora = run + "-zuora";
        String twocheckout = run + "-twocheckout";
        long today = source(NOW.minusSeconds(3600));
        long yesterday = source(NOW.minus(Duration.ofDays(1)));
        delivery(today, zuora, 1, DeliveryState.ACCEPTED, 10, 2L, 1);
        delivery(today, zuora, 2, DeliveryState.REJECTED, 5, null, 1);
        delivery(today, zuora, 3, DeliveryState.UNCERTAIN, 4, null, 1);
        delivery(today, zuora, 4, DeliveryState.FAILED, 3, null, 3);
        delivery(today, zuora, 5, DeliveryState.PLANNED, 7, null, 0);
        delivery(today, twocheckout, 1, DeliveryState.ACCEPTED, 6, null, 1);
        delivery(yesterday, zuora, 1, DeliveryState.ACCEPTED, 100, null, 1);

        List<ReconciliationLine> lines = reconciliation.day(DAY).stream()
                .filter(l -> l.target().startsWith(run)).toList();
        assertEquals(List.of(new ReconciliationLine(twocheckout, 1, 1, 6, 6, 0, 0, 0, 0),
                new ReconciliationLine(zuora, 1, 5, 22, 8, 7, 3, 11, 1)), lines);
        assertEquals(List.of(new ReconciliationLine(zuora, 1, 1, 100, 100, 0, 0, 0, 0)),
                reconciliation.day(DAY.minusDays(1)).stream().filter(l -> l.target().startsWith(run)).toList());
    }

    private long source(Instant received) {
        String sha = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        return jdbi.withHandle(h -> h.createUpdate("insert into source_file (name, origin, sha256, md5, bytes, "
                + "row_count, state, node_id, received_at) values (?, 'folder:inbox', ?, ?, 100, 3, 'DONE', 'test', ?)")
                .bind(0, run + ".csv").bind(1, sha).bind(2, sha.substring(0, 32)).bind(3, Timestamp.from(received))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private void delivery(long source, String target, int chunk, DeliveryState state, long rows, Long refused,
                          int attempts) {
        String sha = jdbi.withHandle(h -> h.createQuery("select sha256 from source_file where id = ?").bind(0, source)
                .mapTo(String.class).one());
        jdbi.useHandle(h -> h.createUpdate("insert into delivery (source_id, content_sha256, target, chunk_no, "
                + "chunk_count, chunk_rows, remote_failed, attempts, state, created_at, updated_at) "
                + "values (?, ?, ?, ?, 5, ?, ?, ?, ?, ?, ?)").bind(0, source).bind(1, sha)
                .bind(2, target).bind(3, chunk).bind(4, rows).bind(5, refused).bind(6, attempts)
                .bind(7, state.name()).bind(8, Timestamp.from(NOW)).bind(9, Timestamp.from(NOW)).execute());
    }
}
