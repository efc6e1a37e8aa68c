package io.usagebridge.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.intake.Fingerprint;

/**
 * The ledger's contract, run against every database it supports (see the H2 and PostgreSQL subclasses). Each
 * test uses its own node ids and content, so tests sharing one database per class do not see each other.
 */
abstract class LedgerRepositoryTest {

    static final String TWOCHECKOUT = "twocheckout";
    /** A target that dedups resends by an idempotency key. */
    static final String ZUORA = "zuora";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    /** The class's database; migrated by {@link LedgerDatabase}. */
    protected abstract DataSource dataSource();

    protected LedgerRepository ledger;
    private ExecutorService threads;

    @BeforeEach
    void newNode() {
        ledger = node("node-a");
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    // --- claims -------------------------------------------------------------------------------------------

    @Test
    void freshKeyIsClaimedAndASecondSourceWithTheSameContentFindsItInFlight() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        long second = source("usage-copy.csv", sha);

        Claim claim = ledger.claim(first, sha, TWOCHECKOUT, 1, 1);
        Claim again = ledger.claim(second, sha, TWOCHECKOUT, 1, 1);

        assertEquals(Claim.Outcome.CLAIMED, claim.outcome());
        assertEquals(Claim.Outcome.IN_FLIGHT, again.outcome());
        assertEquals(claim.deliveryId(), again.deliveryId());
        DeliveryRow row = ledger.delivery(claim.deliveryId()).orElseThrow();
        assertEquals(DeliveryState.CLAIMED, row.state());
        assertEquals(first, row.sourceId(), "the row still belongs to the source that claimed it");
        assertEquals(1, ledger.deliveriesOf(first).size());
        assertTrue(ledger.deliveriesOf(second).isEmpty());
    }

    @Test
    void acceptedContentIsAlreadyAcceptedForALaterSourceWhichSettlesAsDuplicateOfTheFirst() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        long delivery = accepted(first, sha);
        assertEquals(SourceState.DONE, ledger.settleSource(first, false));

        long second = source("usage-renamed.csv", sha);
        Claim claim = ledger.claim(second, sha, TWOCHECKOUT, 1, 1);

        assertEquals(Claim.Outcome.ALREADY_ACCEPTED, claim.outcome());
        assertEquals(delivery, claim.deliveryId());
        assertEquals(SourceState.DUPLICATE, ledger.settleSource(second, false));
        SourceRow settled = ledger.source(second).orElseThrow();
        assertEquals(SourceState.DUPLICATE, settled.state());
        assertEquals(first, settled.duplicateOf());
        assertNotNull(settled.finishedAt());
        DeliveryRow row = ledger.delivery(delivery).orElseThrow();
        assertEquals(DeliveryState.ACCEPTED, row.state());
        assertEquals("R-1", row.remoteId());
        assertEquals(first, row.sourceId());
    }

    @Test
    void rejectedDeliveryIsClaimedAgainByAReplayWhichTakesItOver() {
        String sha = newContent();
        long first = source("usage.csv", sha);
        long delivery = ledger.claim(first, sha, TWOCHECKOUT, 1, 1).deliveryId();
        ledger.markSending(delivery);
        ledger.markFailed(delivery, DeliveryState.REJECTED, new UsageBridgeFailure(
                FailureCode.TWOCHECKOUT_INVALID_SIGNATURE, "2Checkout: Invalid signature", "Invalid signature"));
        DeliveryRow rejected = ledger.delivery(delivery).orElseThrow();
        assertEquals(DeliveryState.REJECTED, rejected.state());
        assertEquals("TWOCHECKOUT_INVALID_SIGNATURE", rejected.errorCode());
        assertEquals(Boolean.FALSE, rejected.retryable());
        assertEquals("Invalid signature", rejected.remoteResponse());
        assertEquals(SourceState.FAILED, ledger.settleSource(first, false));

        long replay = source("usage.csv", sha);
        Claim claim = ledger.claim(replay, sha, TWOCHECKOUT, 1, 1);

        assertEquals(Claim.Outcome.CLAIMED, claim.outcome());
        assertEquals(delivery, claim.deliveryId(), "a replay reuses the delivery, it does not add one");
        DeliveryRow row = ledger.delivery(delivery).orElseThrow();
        assertEquals(DeliveryState.CLAIMED, row.state());
        assertEquals(replay, row.sourceId());
        assertNull(row.errorCode());
        assertNull(row.errorMessage());
        assertNull(row.retryable());
    }

    @Test
    void illegalTransitionThrowsAndLeavesTheRowAsItWas() {
        String sha = newContent();
        long delivery = accepted(source("usage.csv", sha), sha);
        DeliveryRow before = ledger.delivery(delivery).orElseThrow();

        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> ledger.markSending(delivery));

        assertTrue(refused.getMessage().contains("ACCEPTED") && refused.getMessage().contains("SENDING"),
                refused.getMessage());
        assertEquals(before, ledger.delivery(delivery).orElseThrow());
        assertEquals(1, ledger.attemptsOf(delivery).size(), "no attempt was opened");
    }

    // --- recovery at start --------------------------------------------------------------------------------

    @Test
    void recoveryReleasesThisNodesClaimsSoTheFileClaimsThemAgain() {
        String sha = newContent();
        long delivery = ledger.claim(source("usage.csv", sha), sha, TWOCHECKOUT, 1, 1).deliveryId();
        long again = source("usage.csv", sha);
        assertEquals(Claim.Outcome.IN_FLIGHT, ledger.claim(again, sha, TWOCHECKOUT, 1, 1).outcome(),
                "held before the restart");

        assertEquals(1, ledger.recoverInFlight(Set.of()));

        Claim claim = ledger.claim(again, sha, TWOCHECKOUT, 1, 1);
        assertEquals(Claim.Outcome.CLAIMED, claim.outcome());
        assertEquals(delivery, claim.deliveryId());
        assertEquals(again, ledger.delivery(delivery).orElseThrow().sourceId());
    }

    @Test
    void recoveryTurnsACutShortSendUncertainUnlessTheTargetDedupsResends() {
        String twoCheckoutSha = newContent();
        long twoCheckoutDelivery = ledger.claim(source("a.csv", twoCheckoutSha), twoCheckoutSha, TWOCHECKOUT, 1, 1)
                .deliveryId();
        ledger.markSending(twoCheckoutDelivery);
        String zuoraSha = newContent();
        long zuoraDelivery = ledger.claim(source("b.csv", zuoraSha), zuoraSha, ZUORA, 1, 1).deliveryId();
        ledger.markSending(zuoraDelivery);

        assertEquals(2, ledger.recoverInFlight(Set.of(ZUORA)));

        assertEquals(DeliveryState.UNCERTAIN, ledger.delivery(twoCheckoutDelivery).orElseThrow().state());
        assertEquals(DeliveryState.CLAIMED, ledger.delivery(zuoraDelivery).orElseThrow().state());
        assertEquals(Claim.Outcome.CLAIMED, ledger.claim(source("b.csv", zuoraSha), zuoraSha, ZUORA, 1, 1).outcome(),
                "the idempotent target's delivery is released for the file to send again");
    }

    @Test
    void recoveryLeavesTheRowsOfAnotherNodeAlone() {
        LedgerRepository otherNode = node("node-b");
        String claimedSha = newContent();
        long claimed = otherNode.claim(source("a.csv", claimedSha), claimedSha, TWOCHECKOUT, 1, 1).deliveryId();
        String sendingSha = newContent();
        long sending = otherNode.claim(source("b.csv", sendingSha), sendingSha, TWOCHECKOUT, 1, 1).deliveryId();
        otherNode.markSending(sending);

        assertEquals(0, ledger.recoverInFlight(Set.of()));

        assertEquals(Claim.Outcome.IN_FLIGHT,
                ledger.claim(source("a.csv", claimedSha), claimedSha, TWOCHECKOUT, 1, 1).outcome());
        assertEquals(DeliveryState.CLAIMED, ledger.delivery(claimed).orElseThrow().state());
        assertEquals(DeliveryState.SENDING, ledger.delivery(sending).orElseThrow().state());
    }

    @Test
    void recoveryOfANodeIdWithAnUnderscoreLeavesASimilarlyNamedNodeAlone() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        LedgerRepository restarted = new LedgerRepository(dataSource(), "eu_1-" + suffix, CLOCK);
        LedgerRepository running = new LedgerRepository(dataSource(), "eu-1-" + suffix, CLOCK);
        String sha = newContent();
        long sending = running.claim(source("a.csv", sha), sha, TWOCHECKOUT, 1, 1).deliveryId();
        running.markSending(sending);

        assertEquals(0, restarted.recoverInFlight(Set.of()));
        assertEquals(DeliveryState.SENDING, ledger.delivery(sending).orElseThrow().state());
    }

    // --- UNCERTAIN ----------------------------------------------------------------------------------------

    @Test
    void uncertainDeliveryIsReportedUntilMarkedForReplayThenClaimedAgain() {
        String sha = newContent();
        long delivery = ledger.claim(source("usage.csv", sha), sha, TWOCHECKOUT, 1, 1).deliveryId();
        ledger.markSending(delivery);
        ledger.recoverInFlight(Set.of());

        long again = source("usage.csv", sha);
        Claim claim = ledger.claim(again, sha, TWOCHECKOUT, 1, 1);
        assertEquals(Claim.Outcome.UNCERTAIN, claim.outcome());
        assertEquals(DeliveryState.UNCERTAIN, ledger.delivery(delivery).orElseThrow().state());

        ledger.markFailed(delivery, DeliveryState.UNCERTAIN, new UsageBridgeFailure(FailureCode.DELIVERY_UNCERTAIN,
                "an earlier send was cut short"));
        DeliveryRow reported = ledger.delivery(delivery).orElseThrow();
        assertEquals(DeliveryState.UNCERTAIN, reported.state());
        assertEquals("DELIVERY_UNCERTAIN", reported.errorCode());

        long replay = source("usage.csv", sha);
        Claim replayed = ledger.claim(replay, sha, TWOCHECKOUT, 1, 1);
        assertEquals(Claim.Outcome.CLAIMED, replayed.outcome());
        assertEquals(replay, ledger.delivery(delivery).orElseThrow().sourceId());
    }

    // --- attempts -----------------------------------------------------------------------------------------

    @Test
    void everySendAndRetryIsAnAttemptWithItsOwnOutcome() {
        String sha = newContent();
        long delivery = ledger.claim(source("usage.csv", sha), sha, TWOCHECKOUT, 1, 1).deliveryId();

        assertEquals(1, ledger.markSending(delivery));
        ledger.closeAttempt(delivery, "RETRYABLE", 503, FailureCode.TARGET_UNAVAILABLE, "busy");
        assertEquals(2, ledger.recordRetry(delivery));
        ledger.closeAttempt(delivery, "RETRYABLE", 429, FailureCode.TARGET_RATE_LIMITED, "slow down");
        assertEquals(3, ledger.recordRetry(delivery));
        ledger.closeAttempt(delivery, "ACCEPTED", 200, null, "OK");
        ledger.markAccepted(delivery, "R-7", "OK", "OK");

        assertEquals(3, ledger.delivery(delivery).orElseThrow().attempts());
        List<AttemptRow> attempts = ledger.attemptsOf(delivery);
        assertEquals(List.of(1, 2, 3), attempts.stream().map(AttemptRow::attemptNo).toList());
        assertEquals(List.of("RETRYABLE", "RETRYABLE", "ACCEPTED"),
                attempts.stream().map(AttemptRow::outcome).toList());
        assertEquals(List.of(503, 429, 200), attempts.stream().map(AttemptRow::httpStatus).toList());
        assertEquals(java.util.Arrays.asList("TARGET_UNAVAILABLE", "TARGET_RATE_LIMITED", null),
                attempts.stream().map(AttemptRow::errorCode).toList());
        assertEquals(List.of("busy", "slow down", "OK"), attempts.stream().map(AttemptRow::responseExcerpt).toList());
        attempts.forEach(a -> assertNotNull(a.finishedAt(), "attempt " + a.attemptNo() + " is closed"));
    }

    @Test
    void retriesWithoutAnAnswerYetAreStillCountedAsAttempts() {
        String sha = newContent();
        long delivery = ledger.claim(source("usage.csv", sha), sha, TWOCHECKOUT, 1, 1).deliveryId();

        ledger.markSending(delivery);
        ledger.recordRetry(delivery);
        ledger.recordRetry(delivery);

        DeliveryRow row = ledger.delivery(delivery).orElseThrow();
        assertEquals(3, row.attempts());
        assertEquals(DeliveryState.SENDING, row.state());
        assertEquals(3, ledger.attemptsOf(delivery).size());
    }

    @Test
    void closedAttemptKeepsOutcomeHttpStatusAndCode() {
        String sha = newContent();
        long delivery = ledger.claim(source("usage.csv", sha), sha, TWOCHECKOUT, 1, 1).deliveryId();
        ledger.markSending(delivery);

        ledger.closeAttempt(delivery, "FAILED", 404, FailureCode.TARGET_HTTP_ERROR, "no such page");

        AttemptRow attempt = ledger.attemptsOf(delivery).get(0);
        assertEquals("FAILED", attempt.outcome());
        assertEquals(404, attempt.httpStatus());
        assertEquals("TARGET_HTTP_ERROR", attempt.errorCode());
        assertEquals("no such page", attempt.responseExcerpt());
        assertEquals(CLOCK.instant(), attempt.finishedAt());
    }

    // --- concurrency --------------------------------------------------------------------------------------

    @Test
    void twoNodesClaimingTheSameFreshKeyAtOnceGiveExactlyOneClaim() throws Exception {
        for (int round = 0; round < 20; round++) {
            String sha = newContent();
            List<String> outcomes = race(dataSource(), sha, source("a.csv", sha), source("b.csv", sha));

            assertEquals(1, outcomes.stream().filter("CLAIMED"::equals).count(), "round " + round + ": " + outcomes);
            assertTrue(outcomes.stream().allMatch(o -> Set.of("CLAIMED", "IN_FLIGHT", "RACE_LOST").contains(o)),
                    "round " + round + ": " + outcomes);
            assertEquals(1, deliveriesOfContent(sha), "one delivery row per key");
        }
    }

    @Test
    void twoNodesThatBothSawNoRowStillGiveExactlyOneClaim() throws Exception {
        String sha = newContent();
        DataSource bothReadFirst = holdBeforeSql(dataSource(), "insert into delivery ");

        List<String> outcomes = race(bothReadFirst, sha, source("a.csv", sha), source("b.csv", sha));

        assertEquals(1, outcomes.stream().filter("CLAIMED"::equals).count(), outcomes.toString());
        assertEquals(1, deliveriesOfContent(sha));
    }

    @Test
    void twoNodesReclaimingAReleasedDeliveryAtOnceGiveExactlyOneClaim() throws Exception {
        String sha = newContent();
        ledger.claim(source("usage.csv", sha), sha, TWOCHECKOUT, 1, 1);
        ledger.recoverInFlight(Set.of());
        DataSource bothReadFirst = holdBeforeSql(dataSource(), "update delivery set state = ?, source_id = ?");

        List<String> outcomes = race(bothReadFirst, sha, source("a.csv", sha), source("b.csv", sha));

        assertEquals(1, outcomes.stream().filter("CLAIMED"::equals).count(), outcomes.toString());
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** A node of its own for this test: recovery by one test never touches another test's rows. */
    private LedgerRepository node(String name) {
        return new LedgerRepository(dataSource(), name + "-" + UUID.randomUUID().toString().substring(0, 8), CLOCK);
    }

    /** Two nodes claim the same key for two sources at the same moment; what each got. */
    private List<String> race(DataSource dataSource, String sha, long sourceA, long sourceB) throws Exception {
        LedgerRepository nodeA = new LedgerRepository(dataSource, "race-a-" + UUID.randomUUID(), CLOCK);
        LedgerRepository nodeB = new LedgerRepository(dataSource, "race-b-" + UUID.randomUUID(), CLOCK);
        CountDownLatch start = new CountDownLatch(1);
        Future<String> a = threads.submit(claimAfter(start, nodeA, sourceA, sha));
        Future<String> b = threads.submit(claimAfter(start, nodeB, sourceB, sha));
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        outcomes.add(a.get(30, TimeUnit.SECONDS));
        outcomes.add(b.get(30, TimeUnit.SECONDS));
        return outcomes;
    }

    private static Callable<String> claimAfter(CountDownLatch start, LedgerRepository node, long source, String sha) {
        return () -> {
            start.await();
            try {
                return node.claim(source, sha, TWOCHECKOUT, 1, 1).outcome().name();
            } catch (IllegalTransitionException lostRace) {
                return "RACE_LOST";
            }
        };
    }

    /**
     * The data source with a meeting point: a connection about to prepare SQL starting with {@code sqlPrefix}
     * waits (up to 2 s) until a second connection gets there too, so both transactions have done their reads.
     * A waiter that is kept out by a lock goes on alone after the timeout.
     */
    private static DataSource holdBeforeSql(DataSource target, String sqlPrefix) {
        CountDownLatch meet = new CountDownLatch(2);
        return (DataSource) Proxy.newProxyInstance(LedgerRepositoryTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(LedgerRepositoryTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && a != null && a[0] instanceof String sql
                                        && sql.startsWith(sqlPrefix)) {
                                    meet.countDown();
                                    meet.await(2, TimeUnit.SECONDS);
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private long deliveriesOfContent(String sha) {
        return ledger.deliveriesTo(TWOCHECKOUT).stream().filter(d -> d.contentSha256().equals(sha)).count();
    }

    /** A delivery of {@code sha} taken through SENDING to ACCEPTED, with one closed attempt. */
    private long accepted(long sourceId, String sha) {
        long delivery = ledger.claim(sourceId, sha, TWOCHECKOUT, 1, 1).deliveryId();
        ledger.markSending(delivery);
        ledger.closeAttempt(delivery, "ACCEPTED", 200, null, "OK");
        ledger.markAccepted(delivery, "R-1", "OK", "OK");
        return delivery;
    }

    private long source(String name, String sha256) {
        return ledger.recordSource(name, "folder:inbox", Path.of("work", name),
                new Fingerprint(hex("MD5", sha256), sha256, 120, 3));
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
