package io.usagebridge.targets.insights.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.usagebridge.MovingClock;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.ledger.Fingerprint;
import io.usagebridge.ledger.IllegalTransitionException;
import io.usagebridge.ledger.LedgerInstance;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.ledger.PlannedChunk;
import io.usagebridge.targets.insights.InsightsFailureCode;

/**
 * The Insights batches in the ledger, on every database it supports (see the H2 and PostgreSQL subclasses). Each
 * test uses its own target name, so tests sharing one database per class do not see each other.
 */
abstract class InsightsBatchLedgerTest {

    private static final Duration DEADLINE = Duration.ofHours(2);

    protected abstract DataSource dataSource();

    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-01T10:00:00.750Z"));
    private InsightsBatchLedger node;
    private InsightsBatchLedger otherNode;
    private String target;

    @BeforeEach
    void newTarget() {
        node = new InsightsBatchLedger(dataSource(), instance("node-a"), clock);
        otherNode = new InsightsBatchLedger(dataSource(), instance("node-b"), clock);
        target = "insights-" + UUID.randomUUID();
    }

    @Test
    void firstSightRecordsTheBatchWaitingWithItsDeadline() {
        InsightsBatchRow first = node.seen(target, "billing", "2026-11-01", DEADLINE);
        assertEquals(InsightsBatchState.WAITING, first.state());
        assertEquals(clock.instant().plus(DEADLINE), first.deadline());
        assertNull(first.batchDate());
        clock.advance(Duration.ofMinutes(5));
        InsightsBatchRow again = node.seen(target, "billing", "2026-11-01", DEADLINE);
        assertEquals(first.id(), again.id());
        assertEquals(first.deadline(), again.deadline(), "the deadline runs from the first sight");
    }

    @Test
    void claimChoosesTheBatchDateOnceInUtcWithZAndEveryResumeKeepsIt() {
        long id = node.seen(target, "billing", "2026-11-01", DEADLINE).id();
        InsightsBatchRow claimed = node.claim(id).orElseThrow();
        assertEquals(InsightsBatchState.CLAIMED, claimed.state());
        assertEquals("2026-11-01T10:00:00Z", claimed.batchDate());
        clock.advance(Duration.ofMinutes(30));
        assertEquals("2026-11-01T10:00:00Z", node.claim(id).orElseThrow().batchDate());
        assertEquals("2026-11-01T10:00:00Z", node.batch(id).orElseThrow().batchDate());
    }

    @Test
    void anotherNodeCannotTakeABatchThisNodeHoldsUntilItsLeaseRunsOut() {
        long id = node.seen(target, "billing", "2026-11-01", DEADLINE).id();
        String batchDate = node.claim(id).orElseThrow().batchDate();
        assertTrue(otherNode.claim(id).isEmpty());
        assertEquals(node.instance().token(), node.batch(id).orElseThrow().claimedBy());

        clock.advance(LedgerInstance.DEFAULT_LEASE.plusSeconds(1));
        InsightsBatchRow resumed = otherNode.claim(id).orElseThrow();
        assertEquals(otherNode.instance().token(), resumed.claimedBy(), "a dead instance's batch is resumed");
        assertEquals(batchDate, resumed.batchDate());
    }

    @Test
    void aReleasedBatchStaysClaimedAndAnyInstanceResumesIt() {
        long id = node.seen(target, "billing", "2026-11-01", DEADLINE).id();
        node.claim(id).orElseThrow();
        node.release(id);
        assertTrue(otherNode.unheld(id));
        assertEquals(InsightsBatchState.CLAIMED, otherNode.claim(id).orElseThrow().state());
    }

    @Test
    void twoBatchesOfOneDataSourceNeverShareABatchDate() {
        long first = node.seen(target, "billing", "2026-11-01", DEADLINE).id();
        long second = node.seen(target, "billing", "2026-11-02", DEADLINE).id();
        long otherSource = node.seen(target, "crm", "2026-11-01", DEADLINE).id();
        String a = node.claim(first).orElseThrow().batchDate();
        String b = node.claim(second).orElseThrow().batchDate();
        assertEquals("2026-11-01T10:00:00Z", a);
        assertEquals("2026-11-01T10:00:01Z", b, "a second batch in the same second gets the next second");
        assertEquals("2026-11-01T10:00:00Z", node.claim(otherSource).orElseThrow().batchDate());
    }

    @Test
    void failedBatchWhoseFolderCameBackWaitsAgainWithItsBatchDate() {
        long id = node.seen(target, "billing", "2026-11-01", DEADLINE).id();
        String batchDate = node.claim(id).orElseThrow().batchDate();
        node.settle(id, InsightsBatchState.FAILED, CoreFailureCode.TARGET_HTTP_ERROR, "HTTP 400");
        assertEquals(InsightsBatchState.FAILED, node.seen(target, "billing", "2026-11-01", DEADLINE).state(),
                "not finished yet: its folder is still to be moved");
        node.finish(id, "/data/failed/insights/billing/2026-11-01");

        clock.advance(Duration.ofDays(1));
        InsightsBatchRow replay = node.seen(target, "billing", "2026-11-01", DEADLINE);
        assertEquals(InsightsBatchState.WAITING, replay.state());
        assertNull(replay.errorCode());
        assertNull(replay.finishedAt());
        assertEquals(clock.instant().plus(DEADLINE), replay.deadline());
        assertEquals(batchDate, node.claim(id).orElseThrow().batchDate());
    }

    @Test
    void uploadedBatchStaysUploadedWhenItsFolderComesAgain() {
        long id = node.seen(target, "billing", "2026-11-01", DEADLINE).id();
        node.claim(id).orElseThrow();
        node.settle(id, InsightsBatchState.UPLOADED, null, null);
        node.finish(id, "/data/done/insights/billing/2026-11-01");
        InsightsBatchRow again = node.seen(target, "billing", "2026-11-01", DEADLINE);
        assertEquals(InsightsBatchState.UPLOADED, again.state());
        assertTrue(again.finished());
        assertTrue(node.claim(id).isEmpty());
    }

    @Test
    void refusedMovesLeaveTheBatchAsItWas() {
        long id = node.seen(target, "billing", "2026-11-01", DEADLINE).id();
        assertThrows(IllegalTransitionException.class, () -> node.settle(id, InsightsBatchState.UPLOADED, null,
                null));
        node.fail(id, InsightsFailureCode.INSIGHTS_BATCH_INCOMPLETE, "missing subscription");
        assertThrows(IllegalTransitionException.class, () -> node.settle(id, InsightsBatchState.UPLOADED, null,
                null));
        InsightsBatchRow row = node.batch(id).orElseThrow();
        assertEquals(InsightsBatchState.FAILED, row.state());
        assertEquals("INSIGHTS_BATCH_INCOMPLETE", row.errorCode());
        assertTrue(node.claim(id).isEmpty());
    }

    @Test
    void recordTypesLinkTheirSourceAndDelivery() {
        Ledger ledger = Ledger.on(dataSource(), node.instance(), clock);
        long id = node.seen(target, "billing", "2026-11-01", DEADLINE).id();
        Fingerprint fp = new Fingerprint("0".repeat(32), UUID.randomUUID().toString().replace("-", "")
                + "0".repeat(32), 10, 2);
        long source = ledger.sources().recordSource("insights/billing/2026-11-01/account.csv", "test", "intake-insights",
                Path.of("account.csv"), fp);
        node.recordSource(id, "account", source);
        PlannedChunk chunk = new PlannedChunk(1, "0".repeat(32), 10, 2,
                "/inbox/account.csv");
        ledger.deliveries().plan(source, fp.sha256(), target, List.of(chunk));
        long delivery = ledger.deliveries().claim(source, fp.sha256(), target, chunk, true).deliveryId();
        node.recordDelivery(id, "account", delivery);
        assertEquals(List.of(new InsightsRecordRow(id, "account", source, delivery)), node.records(id));

        long again = ledger.sources().recordSource("insights/billing/2026-11-01/account.csv", "test", "intake-insights",
                Path.of("account.csv"), fp);
        node.recordSource(id, "account", again);
        assertNotEquals(source, again);
        assertEquals(List.of(new InsightsRecordRow(id, "account", again, null)), node.records(id),
                "a new run of the batch links its new source; its delivery is linked at its claim");
    }

    private static LedgerInstance instance(String label) {
        return LedgerInstance.start(label, LedgerInstance.DEFAULT_LEASE, LedgerInstance.DEFAULT_HEARTBEAT);
    }
}
