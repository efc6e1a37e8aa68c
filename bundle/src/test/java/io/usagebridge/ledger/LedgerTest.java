package io.usagebridge.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.usagebridge.MovingClock;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.targets.twocheckout.TwoCheckoutFailureCode;

/**
 * The ledger's contract, run against every database it supports (see the H2 and PostgreSQL subclasses): claims under
 * leases with fencing, takeover of expired leases, uncertain sends left only by a resolution, parked retries, the
 * chunk plan. Each test uses its own content, so tests sharing one database per class do not see each other's rows.
 */
abstract class LedgerTest {

    static final String TWOCHECKOUT = "twocheckout";
    /** A target that dedups resends by an idempotency key. */
    static final String ZUORA = "zuora";
    static final Duration LEASE = Duration.ofSeconds(60);

    /** The class's database; migrated by {@link LedgerDatabase}. */
    protected abstract DataSource dataSource();

    /** Time as every instance of a test sees it; moved on to make leases run out. */
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-01T10:00:00Z"));
    protected Ledger ledger;
    private ExecutorService threads;

    @BeforeEach
    void newInstance() {
        ledger = instance("a");
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    // --- claims -------------------------------------------------------------------------------------------

    @Test
    void plannedChunkIsClaimedUnderALeaseAndASecondSourceFindsItInFlight() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        long second = source("usage-copy.csv", sha);
        plan(first, sha, TWOCHECKOUT, chunk(1));

        Claim claim = ledger.deliveries().claim(first, sha, TWOCHECKOUT, chunk(1), false);
        Claim again = instance("b").deliveries().claim(second, sha, TWOCHECKOUT, chunk(1), false);

        assertEquals(Claim.Outcome.CLAIMED, claim.outcome());
        assertEquals(Claim.Outcome.IN_FLIGHT, again.outcome());
        assertEquals(claim.deliveryId(), again.deliveryId());
        DeliveryRow row = ledger.deliveries().delivery(claim.deliveryId()).orElseThrow();
        assertEquals(DeliveryState.CLAIMED, row.state());
        assertEquals(ledger.instance().token(), row.claimedBy());
        assertEquals(clock.instant().plus(LEASE), row.leaseUntil());
        assertEquals(first, row.sourceId(), "the row still belongs to the source that claimed it");
        assertTrue(ledger.deliveries().deliveriesOf(second).isEmpty());
    }

    @Test
    void acceptedContentIsAlreadyAcceptedForALaterSourceWhichSettlesAsDuplicateOfTheFirst() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        long delivery = accepted(first, sha);
        assertEquals(SourceState.DONE, settle(first));

        long second = source("usage-renamed.csv", sha);
        Claim claim = ledger.deliveries().claim(second, sha, TWOCHECKOUT, chunk(1), false);

        assertEquals(Claim.Outcome.ALREADY_ACCEPTED, claim.outcome());
        assertEquals(delivery, claim.deliveryId());
        assertEquals(SourceState.DUPLICATE, settle(second));
        SourceRow settled = ledger.sources().source(second).orElseThrow();
        assertEquals(first, settled.duplicateOf());
        assertNotNull(settled.finishedAt());
        assertNull(settled.leaseOwner(), "a settled source holds no lease");
    }

    @Test
    void rejectedDeliveryIsClaimedAgainByAReplayUnderANewKeyGeneration() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        long delivery = claimed(first, sha, TWOCHECKOUT);
        ledger.deliveries().markSending(delivery);
        ledger.deliveries().markFailed(delivery, DeliveryState.REJECTED, new UsageBridgeFailure(
                TwoCheckoutFailureCode.TWOCHECKOUT_INVALID_SIGNATURE,
                        "2Checkout: Invalid signature", "Invalid signature"));
        assertEquals(SourceState.FAILED, settle(first));

        long replay = source("usage.csv", sha);
        Claim claim = ledger.deliveries().claim(replay, sha, TWOCHECKOUT, chunk(1), false);

        assertEquals(Claim.Outcome.CLAIMED, claim.outcome());
        assertEquals(delivery, claim.deliveryId(), "a replay reuses the delivery, it does not add one");
        assertEquals(1, claim.keyGeneration(), "a deliberate new send: a new idempotency key");
        DeliveryRow row = ledger.deliveries().delivery(delivery).orElseThrow();
        assertEquals(replay, row.sourceId());
        assertNull(row.errorCode());
    }

    @Test
    void illegalTransitionThrowsAndLeavesTheRowAsItWas() {
        String sha = newContent();
        long delivery = accepted(source("usage.csv", sha), sha);
        DeliveryRow before = ledger.deliveries().delivery(delivery).orElseThrow();

        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> ledger.deliveries().markSending(delivery));

        assertTrue(refused.getMessage().contains("ACCEPTED") && refused.getMessage().contains("SENDING"),
                refused.getMessage());
        assertEquals(before, ledger.deliveries().delivery(delivery).orElseThrow());
        assertEquals(1, ledger.attempts().attemptsOf(delivery).size(), "no attempt was opened");
    }

    // --- leases and fencing -------------------------------------------------------------------------------

    @Test
    void anotherInstanceCannotMoveAClaimItDoesNotHold() {
        String sha = newContent();
        long delivery = claimed(source("usage.csv", sha), sha, TWOCHECKOUT);
        Ledger sameLabelOtherProcess = Ledger.on(dataSource(), LedgerInstance.start(
                ledger.instance().label(), LEASE, Duration.ofSeconds(15)), clock);

        assertThrows(LeaseLostException.class, () -> sameLabelOtherProcess.deliveries().markSending(delivery),
                "two processes with the same label still hold different leases");
        assertEquals(DeliveryState.CLAIMED, ledger.deliveries().delivery(delivery).orElseThrow().state());
        assertEquals(1, ledger.deliveries().markSending(delivery), "the holder goes on");
    }

    @Test
    void heartbeatKeepsALeaseAliveSoNoSweepTakesIt() {
        String sha = newContent();
        long delivery = claimed(source("usage.csv", sha), sha, TWOCHECKOUT);

        clock.advance(Duration.ofSeconds(45));
        assertTrue(leases(ledger).renew() >= 2, "the delivery and its source were renewed");
        clock.advance(Duration.ofSeconds(45));
        leases(instance("b")).sweepExpired(Set.of());

        DeliveryRow row = ledger.deliveries().delivery(delivery).orElseThrow();
        assertEquals(DeliveryState.CLAIMED, row.state());
        assertEquals(ledger.instance().token(), row.claimedBy());
    }

    @Test
    void expiredClaimIsPlannedAgainAndTheNextIntakeOfTheFileTakesItOverAndItsSource() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        long delivery = claimed(first, sha, TWOCHECKOUT);

        clock.advance(LEASE.plusSeconds(1));
        Ledger survivor = instance("b");
        LeaseLedger.Swept swept = leases(survivor).sweepExpired(Set.of());
        assertTrue(swept.interruptedSources() >= 1 && swept.releasedClaims() >= 1, swept.toString());
        assertEquals(SourceState.INTERRUPTED, ledger.sources().source(first).orElseThrow().state());
        assertEquals(DeliveryState.PLANNED, ledger.deliveries().delivery(delivery).orElseThrow().state());

        long again = survivor.sources().recordSource("usage.csv", "folder:inbox", "intake-folder", Path.of("work", "x"),
                fingerprint(sha));
        Claim claim = survivor.deliveries().claim(again, sha, TWOCHECKOUT, chunk(1), false);

        assertEquals(Claim.Outcome.CLAIMED, claim.outcome());
        assertTrue(claim.adopted());
        assertEquals(again, ledger.deliveries().delivery(delivery).orElseThrow().sourceId());
        assertEquals(again, ledger.sources().source(first).orElseThrow().supersededBy());
    }

    @Test
    void aSendCutShortIsUncertainForATargetWithoutKeyAndResendableForOneWithKey() {
        String twoCheckoutSha = newContent();
        long twoCheckout = claimed(source("a.csv", twoCheckoutSha), twoCheckoutSha, TWOCHECKOUT);
        ledger.deliveries().markSending(twoCheckout);
        String zuoraSha = newContent();
        long zuora = claimed(source("b.csv", zuoraSha), zuoraSha, ZUORA);
        ledger.deliveries().markSending(zuora);

        clock.advance(LEASE.plusSeconds(1));
        leases(instance("b")).sweepExpired(Set.of(ZUORA));

        DeliveryRow uncertain = ledger.deliveries().delivery(twoCheckout).orElseThrow();
        assertEquals(DeliveryState.UNCERTAIN, uncertain.state());
        assertEquals("DELIVERY_UNCERTAIN", uncertain.errorCode());
        assertNotNull(uncertain.uncertainSince());
        assertEquals(DeliveryState.PLANNED, ledger.deliveries().delivery(zuora).orElseThrow().state());
        Claim resend = instance("c").deliveries().claim(source("b.csv", zuoraSha), zuoraSha, ZUORA, chunk(1), true);
        assertEquals(Claim.Outcome.CLAIMED, resend.outcome());
        assertEquals(0, resend.keyGeneration(), "the same key: the target returns the first answer");
    }

    @Test
    void aClaimFindingAnExpiredSendMakesItUncertainWithoutWaitingForTheSweep() {
        String sha = newContent();
        long delivery = claimed(source("a.csv", sha), sha, TWOCHECKOUT);
        ledger.deliveries().markSending(delivery);
        clock.advance(LEASE.plusSeconds(1));

        Ledger next = instance("b");
        Claim claim = next.deliveries().claim(next.sources().recordSource("a.csv", "folder:inbox", "intake-folder", null, fingerprint(sha)),
                sha, TWOCHECKOUT, chunk(1), false);

        assertEquals(Claim.Outcome.UNCERTAIN, claim.outcome());
        assertTrue(claim.adopted(), "the earlier intake was cut short: the new one carries the delivery on");
        assertEquals(DeliveryState.UNCERTAIN, ledger.deliveries().delivery(delivery).orElseThrow().state());
    }

    @Test
    void zombieThatLostItsLeaseCannotRecordOverTheNewOwner() {
        String sha = newContent();
        long zombieSource = source("a.csv", sha);
        long delivery = claimed(zombieSource, sha, ZUORA);
        clock.advance(LEASE.plusSeconds(1));
        Ledger successor = instance("b");
        leases(successor).sweepExpired(Set.of(ZUORA));
        long fresh = successor.sources().recordSource("a.csv", "folder:inbox", "intake-folder", null, fingerprint(sha));
        assertEquals(Claim.Outcome.CLAIMED, successor.deliveries().claim(fresh, sha, ZUORA, chunk(1), true).outcome());

        assertThrows(LeaseLostException.class, () -> ledger.deliveries().markSending(delivery));
        assertThrows(LeaseLostException.class, () -> settle(zombieSource),
                "the zombie's file is the successor's to move");
        assertEquals(successor.instance().token(), ledger.deliveries().delivery(delivery).orElseThrow().claimedBy());
    }

    @Test
    void twoInstancesClaimingThePlannedChunkAtOnceGiveExactlyOneClaim() throws Exception {
        for (int round = 0; round < 20; round++) {
            String sha = newContent();
            long a = source("a.csv", sha);
            long b = source("b.csv", sha);
            plan(a, sha, TWOCHECKOUT, chunk(1));
            List<String> outcomes = race(sha, a, b);

            assertEquals(1, outcomes.stream().filter("CLAIMED"::equals).count(), "round " + round + ": " + outcomes);
            assertEquals(1, deliveriesOfContent(sha), "one delivery row per key");
        }
    }

    @Test
    void planIsRecordedWholeOnceAndStoredPlanGivesItsRowsInOrder() {
        String sha = newContent();
        long source = source("big.csv", sha);
        ledger.deliveries().plan(source, sha, TWOCHECKOUT, List.of(chunk(1, 3, 50), chunk(2, 3, 50), chunk(3, 3, 7)));
        ledger.deliveries().plan(source("big-again.csv", sha), sha, TWOCHECKOUT, List.of(chunk(1, 2, 100), chunk(2, 2, 7)));

        assertEquals(List.of(50L, 50L, 7L), ledger.deliveries().storedPlan(sha, TWOCHECKOUT));
        assertEquals(3, deliveriesOfContent(sha), "the first plan stands");
        assertEquals(List.of(), ledger.deliveries().storedPlan(newContent(), TWOCHECKOUT));
    }

    @Test
    void aReplayWithOtherBytesForTheSameRowsGetsANewKeyGeneration() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        plan(first, sha, ZUORA, chunk(1));
        ledger.deliveries().claim(first, sha, ZUORA, chunk(1), true);
        clock.advance(LEASE.plusSeconds(1));
        leases(instance("b")).sweepExpired(Set.of(ZUORA));

        Ledger next = instance("c");
        long again = next.sources().recordSource("usage.csv", "folder:inbox", "intake-folder", null, fingerprint(sha));
        PlannedChunk reshaped = new PlannedChunk(1, hex("MD5", "other"), 130, 3,
                "/work/x.csv");
        Claim claim = next.deliveries().claim(again, sha, ZUORA, reshaped, true);

        assertEquals(1, claim.keyGeneration());
        assertEquals(hex("MD5", "other"), ledger.deliveries().delivery(claim.deliveryId()).orElseThrow().chunkMd5());
    }

    @Test
    void aSourceSettledButNeverMovedIsTakenOverByTheNextIntakeOfItsFileOnceItsLeaseRanOut() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        long delivery = accepted(first, sha);
        assertEquals(SourceState.DONE, ledger.sources().settleSource(first, false, new OriginalPlaces(
                "/done/usage.csv", "/failed/usage.csv", "/duplicate/usage.csv", "/inflight/usage.csv", "/done",
                "/failed", "/failed")));
        // killed before the intake endpoint moved the file: it is still in the inbox and comes again
        clock.advance(LEASE.plusSeconds(1));

        Ledger next = instance("b");
        long again = next.sources().recordSource("usage.csv", "folder:inbox", "intake-folder", null, fingerprint(sha));
        Claim claim = next.deliveries().claim(again, sha, TWOCHECKOUT, chunk(1), false);

        assertEquals(Claim.Outcome.ALREADY_ACCEPTED, claim.outcome());
        assertTrue(claim.adopted());
        assertEquals(again, ledger.deliveries().delivery(delivery).orElseThrow().sourceId());
        assertEquals(SourceState.DONE, next.sources().currentOutcome(again), "done, not a duplicate of itself");
    }

    @Test
    void aFileWhoseLockRanOutIsTakenOverWithTheSourceItsDeadInstanceSettledButNeverMoved() {
        String sha = newContent();
        IntakeLocks locksOfA = new IntakeLocks(dataSource(), ledger.instance(), clock);
        String file = "inbox/" + sha + "/usage.csv";
        assertTrue(locksOfA.add(file));
        clock.advance(Duration.ofSeconds(10));
        long first = source("usage.csv", sha);
        long delivery = accepted(first, sha);
        // settled after the last heartbeat: its lease outlives the lock's, and the instance dies before the move
        ledger.sources().settleSource(first, false, new OriginalPlaces("/done/usage.csv", "/failed/usage.csv",
                "/duplicate/usage.csv", "/inflight/usage.csv", "/done", "/failed", "/failed"));
        clock.advance(LEASE.minusSeconds(9));

        Ledger next = instance("b");
        assertTrue(new IntakeLocks(dataSource(), next.instance(), clock).add(file), "the lock ran out");
        long again = next.sources().recordSource("usage.csv", "folder:inbox", "intake-folder", null, fingerprint(sha));
        Claim claim = next.deliveries().claim(again, sha, TWOCHECKOUT, chunk(1), false);

        assertEquals(Claim.Outcome.ALREADY_ACCEPTED, claim.outcome());
        assertTrue(claim.adopted(), "the dead instance's source is taken over, not met as live work");
        assertEquals(again, ledger.deliveries().delivery(delivery).orElseThrow().sourceId());
        assertEquals(SourceState.DONE, next.sources().currentOutcome(again), "done, not a duplicate of itself");
    }

    @Test
    void aSourceMovedInPlaceIsNoOrphanAndASecondCopyIsADuplicate() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        accepted(first, sha);
        settle(first);
        clock.advance(LEASE.plusSeconds(1));

        Ledger next = instance("b");
        long copy = next.sources().recordSource("usage-copy.csv", "folder:inbox", "intake-folder", null, fingerprint(sha));
        Claim claim = next.deliveries().claim(copy, sha, TWOCHECKOUT, chunk(1), false);

        assertEquals(Claim.Outcome.ALREADY_ACCEPTED, claim.outcome());
        assertTrue(!claim.adopted());
        assertEquals(SourceState.DUPLICATE, next.sources().currentOutcome(copy));
    }

    // --- UNCERTAIN and its resolution ---------------------------------------------------------------------

    @Test
    void uncertainDeliveryIsNeverClaimedAgainByALaterFileOnlyAResolutionLeavesIt() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        long delivery = uncertain(first, sha);
        assertEquals(SourceState.UNCERTAIN, settle(first));

        // the original was moved back into the inbox by hand (it is gone from failed/): the new intake carries it on
        long laterSource = source("usage.csv", sha);
        Claim later = ledger.deliveries().claim(laterSource, sha, TWOCHECKOUT, chunk(1), false);
        assertEquals(Claim.Outcome.UNCERTAIN, later.outcome());
        assertTrue(later.adopted());
        assertEquals(DeliveryState.UNCERTAIN, ledger.deliveries().delivery(delivery).orElseThrow().state());
        assertEquals(SourceState.UNCERTAIN, settle(laterSource), "waits in failed/ again, nothing was sent");

        DeliveryRow resolved = resolutions().resolve(delivery, Resolutions.Resolution.DELIVERED, "ops@example.com",
                "seen in the 2Checkout console");

        assertEquals(DeliveryState.ACCEPTED, resolved.state());
        assertEquals("DELIVERED", resolved.resolution());
        assertEquals("ops@example.com", resolved.resolvedBy());
        assertEquals(clock.instant(), resolved.resolvedAt());
        assertEquals(SourceState.DONE, ledger.sources().currentOutcome(laterSource));
        Resolutions.Action action = resolutions().actionsOn(delivery).get(0);
        assertEquals("resolve-delivered", action.action());
        assertEquals("ops@example.com", action.actor());
        assertThrows(IllegalTransitionException.class, () -> resolutions().resolve(delivery,
                Resolutions.Resolution.RESEND, "ops@example.com", null), "resolved once only");
    }

    @Test
    void resendParksTheDeliveryDueNowUnderANewKeyAndOneInstanceTakesIt() {
        String sha = newContent();
        long delivery = uncertain(source("usage.csv", sha), sha);

        DeliveryRow resend = resolutions().resolve(delivery, Resolutions.Resolution.RESEND, "ops", null);

        assertEquals(DeliveryState.PARKED, resend.state());
        assertEquals(1, resend.keyGeneration());
        assertEquals(clock.instant(), resend.nextAttemptAt());
        List<DeliveryRow> taken = ledger.deliveries().takeDueRetries(100).stream().filter(d -> d.id() == delivery).toList();
        assertEquals(1, taken.size());
        assertTrue(instance("b").deliveries().takeDueRetries(100).stream().noneMatch(d -> d.id() == delivery),
                "taken by one instance only");
        assertEquals(2, ledger.deliveries().markSending(delivery));
    }

    // --- parked retries -----------------------------------------------------------------------------------

    @Test
    void parkedRetryWaitsForItsTimeThenIsSentAgainWithANewAttempt() {
        String sha = newContent();
        long delivery = claimed(source("usage.csv", sha), sha, TWOCHECKOUT);
        ledger.deliveries().markSending(delivery);
        ledger.attempts().closeAttempt(delivery, "FAILED", 503, CoreFailureCode.TARGET_UNAVAILABLE, "busy");
        ledger.deliveries().park(delivery, clock.instant().plusSeconds(30), new UsageBridgeFailure(
                CoreFailureCode.TARGET_UNAVAILABLE, "HTTP 503 from the target"));

        DeliveryRow parked = ledger.deliveries().delivery(delivery).orElseThrow();
        assertEquals(DeliveryState.PARKED, parked.state());
        assertEquals(1, parked.parks());
        assertNull(parked.claimedBy(), "a parked retry holds no lease while it waits");
        assertTrue(ledger.deliveries().takeDueRetries(100).stream().noneMatch(d -> d.id() == delivery), "not due yet");

        clock.advance(Duration.ofSeconds(31));
        assertTrue(ledger.deliveries().takeDueRetries(100).stream().anyMatch(d -> d.id() == delivery));
        assertEquals(2, ledger.deliveries().markSending(delivery));
        ledger.attempts().closeAttempt(delivery, "ACCEPTED", 200, null, "1");
        ledger.deliveries().markAccepted(delivery, null, "1", "1");

        List<AttemptRow> attempts = ledger.attempts().attemptsOf(delivery);
        assertEquals(List.of("FAILED", "ACCEPTED"), attempts.stream().map(AttemptRow::outcome).toList());
        assertEquals(List.of(503, 200), attempts.stream().map(AttemptRow::httpStatus).toList());
    }

    @Test
    void aSourceWithAParkedRetryIsPendingUntilItIsFinal() {
        String sha = newContent();
        long source = source("usage.csv", sha);
        long delivery = claimed(source, sha, TWOCHECKOUT);
        ledger.deliveries().markSending(delivery);
        ledger.deliveries().park(delivery, clock.instant(), new UsageBridgeFailure(CoreFailureCode.TARGET_RATE_LIMITED, "429"));

        assertEquals(SourceState.PENDING, settle(source));
        assertEquals("/inflight/usage.csv", ledger.sources().source(source).orElseThrow().keptAt());
        assertTrue(ledger.sources().waitingSources(1000).stream().anyMatch(s -> s.id() == source));
    }

    @Test
    void aFailureMessageLongerThanAnyColumnIsCutToFitAndRecorded() {
        String sha = newContent();
        long source = source("usage.csv", sha);
        long delivery = claimed(source, sha, TWOCHECKOUT);
        String huge = "x".repeat(100_000);

        ledger.deliveries().markFailed(delivery, DeliveryState.REJECTED, new UsageBridgeFailure(CoreFailureCode.CSV_VALUE_INVALID,
                huge, huge));
        ledger.sources().markSourceFailed(source, CoreFailureCode.CSV_VALUE_INVALID, huge);

        DeliveryRow row = ledger.deliveries().delivery(delivery).orElseThrow();
        assertEquals(UsageBridgeFailure.MAX_MESSAGE_CHARS, row.errorMessage().length());
        assertTrue(row.errorMessage().endsWith("[cut]"));
        assertEquals(UsageBridgeFailure.MAX_MESSAGE_CHARS,
                ledger.sources().source(source).orElseThrow().errorMessage().length());
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** An instance of its own: a label and a token new for this test. */
    private Ledger instance(String label) {
        return Ledger.on(dataSource(), LedgerInstance.start(label + "-"
                + UUID.randomUUID().toString().substring(0, 8), LEASE, Duration.ofSeconds(15)), clock);
    }

    private LeaseLedger leases(Ledger of) {
        return new LeaseLedger(dataSource(), of.instance(), clock, java.util.List.of());
    }

    private Resolutions resolutions() {
        return new Resolutions(dataSource(), ledger.instance(), clock);
    }

    /** Settles a source and makes the intake's move of its original, as the intake route does on commit. */
    private SourceState settle(long sourceId) {
        SourceState outcome = ledger.sources().settleSource(sourceId, false, new OriginalPlaces("/done/usage.csv",
                "/failed/usage.csv", "/duplicate/usage.csv", "/inflight/usage.csv", "/done", "/failed", "/failed"));
        ledger.sources().movedTo(sourceId, true);
        return outcome;
    }

    private List<String> race(String sha, long sourceA, long sourceB) throws Exception {
        Ledger a = instance("race-a");
        Ledger b = instance("race-b");
        CountDownLatch start = new CountDownLatch(1);
        Future<String> first = threads.submit(claimAfter(start, a, sourceA, sha));
        Future<String> second = threads.submit(claimAfter(start, b, sourceB, sha));
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        outcomes.add(first.get(30, TimeUnit.SECONDS));
        outcomes.add(second.get(30, TimeUnit.SECONDS));
        return outcomes;
    }

    private Callable<String> claimAfter(CountDownLatch start, Ledger instance, long source, String sha) {
        return () -> {
            start.await();
            return instance.deliveries().claim(source, sha, TWOCHECKOUT, chunk(1), false).outcome().name();
        };
    }

    private long deliveriesOfContent(String sha) {
        return ledger.deliveries().deliveriesTo(TWOCHECKOUT).stream().filter(d -> d.contentSha256().equals(sha)).count();
    }

    private void plan(long sourceId, String sha, String target, PlannedChunk chunk) {
        ledger.deliveries().plan(sourceId, sha, target, List.of(chunk));
    }

    private long claimed(long sourceId, String sha, String target) {
        plan(sourceId, sha, target, chunk(1));
        Claim claim = ledger.deliveries().claim(sourceId, sha, target, chunk(1), ZUORA.equals(target));
        assertEquals(Claim.Outcome.CLAIMED, claim.outcome());
        return claim.deliveryId();
    }

    /** A delivery of {@code sha} taken through SENDING to ACCEPTED, with one closed attempt. */
    private long accepted(long sourceId, String sha) {
        long delivery = claimed(sourceId, sha, TWOCHECKOUT);
        ledger.deliveries().markSending(delivery);
        ledger.attempts().closeAttempt(delivery, "ACCEPTED", 200, null, "OK");
        ledger.deliveries().markAccepted(delivery, "R-1", "OK", "OK");
        return delivery;
    }

    /** A delivery whose send got no answer. */
    private long uncertain(long sourceId, String sha) {
        long delivery = claimed(sourceId, sha, TWOCHECKOUT);
        ledger.deliveries().markSending(delivery);
        ledger.deliveries().markFailed(delivery, DeliveryState.UNCERTAIN, new UsageBridgeFailure(CoreFailureCode.DELIVERY_UNCERTAIN,
                "no answer"));
        return delivery;
    }

    private static PlannedChunk chunk(int no) {
        return chunk(no, 1, 3);
    }

    private static PlannedChunk chunk(int no, int count, long rows) {
        return new PlannedChunk(no, hex("MD5", "chunk-" + no), 120, rows, "/work/chunk-" + no);
    }

    private long source(String name, String sha256) {
        return ledger.sources().recordSource(name, "folder:inbox", "intake-folder", Path.of("work", name), fingerprint(sha256));
    }

    private static Fingerprint fingerprint(String sha256) {
        return new Fingerprint(hex("MD5", sha256), sha256, 120, 3);
    }

    /** The SHA-256 of content no other test uses. */
    private static String newContent() {
        return hex("SHA-256", "Usage,Row\n" + UUID.randomUUID() + "\n");
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
