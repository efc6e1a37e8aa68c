package io.usagebridge.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.targets.twocheckout.TwoCheckoutFailureCode;

/** What a failed delivery becomes, by stage and by whether the target deduplicates repeats. */
class DeliveryFailurePolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private final DeliveryFailurePolicy policy = new DeliveryFailurePolicy(3, Duration.ofSeconds(2), 2,
            Duration.ofSeconds(60));

    @Test
    void ioErrorBeforeTheSendIsALocalFailureAndRetried() {
        var decision = policy.decide(failure(CoreFailureCode.DELIVERY_UNCERTAIN), false, false, 0, NOW);

        assertEquals(DeliveryState.PARKED, decision.state());
        assertEquals(CoreFailureCode.LOCAL_IO_ERROR, decision.failure().code());
        assertEquals(NOW.plusSeconds(2), decision.nextAttempt());
    }

    @Test
    void lostAnswerAfterTheSendIsUncertainWithoutAKeyAndRetriedWithOne() {
        assertEquals(DeliveryState.UNCERTAIN,
                policy.decide(failure(CoreFailureCode.DELIVERY_UNCERTAIN), true, false, 0, NOW).state());
        assertEquals(DeliveryState.PARKED,
                policy.decide(failure(CoreFailureCode.DELIVERY_UNCERTAIN), true, true, 0, NOW).state());
    }

    @Test
    void serverErrorAfterTheSendIsUncertainWithoutAKeyAndRetriedWithOne() {
        var noKey = policy.decide(failure(CoreFailureCode.TARGET_SERVER_ERROR), true, false, 0, NOW);

        assertEquals(DeliveryState.UNCERTAIN, noKey.state());
        assertEquals(CoreFailureCode.DELIVERY_UNCERTAIN, noKey.failure().code());
        assertNull(noKey.nextAttempt());
        assertEquals(DeliveryState.PARKED,
                policy.decide(failure(CoreFailureCode.TARGET_SERVER_ERROR), true, true, 0, NOW).state());
    }

    @Test
    void whatTheTargetSaidItDidNotProcessIsRetriedEverywhereWithBackoffOrRetryAfter() {
        var first = policy.decide(failure(CoreFailureCode.TARGET_UNAVAILABLE), true, false, 0, NOW);
        var third = policy.decide(failure(CoreFailureCode.TARGET_UNAVAILABLE), true, false, 2, NOW);
        var rateLimited = policy.decide(new UsageBridgeFailure(CoreFailureCode.TARGET_RATE_LIMITED, "429", null, true,
                Duration.ofSeconds(600), null), true, false, 0, NOW);

        assertEquals(NOW.plusSeconds(2), first.nextAttempt());
        assertEquals(NOW.plusSeconds(8), third.nextAttempt(), "2 s x 2 x 2");
        assertEquals(NOW.plusSeconds(600), rateLimited.nextAttempt(), "the target's Retry-After wins");
    }

    @Test
    void retriesUsedUpEndFailedAndRefusalsEndRejected() {
        assertEquals(DeliveryState.FAILED,
                policy.decide(failure(CoreFailureCode.TARGET_UNAVAILABLE), true, false, 3, NOW).state());
        assertEquals(DeliveryState.REJECTED,
                policy.decide(failure(TwoCheckoutFailureCode.TWOCHECKOUT_INVALID_SIGNATURE), true, false, 0, NOW).state());
    }

    @Test
    void backoffIsCapped() {
        assertEquals(Duration.ofSeconds(60), policy.backoff(10));
    }

    private static UsageBridgeFailure failure(FailureCode code) {
        return new UsageBridgeFailure(code, code.name());
    }
}
