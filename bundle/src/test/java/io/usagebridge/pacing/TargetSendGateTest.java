package io.usagebridge.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.usagebridge.MovingClock;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

class TargetSendGateTest {

    @Test
    void zuorasHeadersAreReadWhateverTheirCaseAndListForm() {
        TargetLimits limits = TargetLimits.of(Map.of("concurrency-limit-limit", "40",
                "Concurrency-Limit-Remaining", List.of("0"), "RateLimit-Remaining", "0",
                "ratelimit-reset", "17", "ratelimit-limit", "50000, 50000;w=60"));
        assertEquals(OptionalInt.of(40), limits.concurrencyLimit());
        assertTrue(limits.concurrencySpent());
        assertEquals(Duration.ofSeconds(17), limits.rateLimitResetIn());

        TargetLimits plenty = TargetLimits.of(Map.of("Concurrency-Limit-Remaining", "39", "ratelimit-remaining",
                "49999, 49999;w=60"));
        assertFalse(plenty.concurrencySpent());
        assertEquals(null, plenty.rateLimitResetIn());
        assertEquals(TargetLimits.NONE, TargetLimits.of(Map.of("Concurrency-Limit-Limit", "x")));
    }

    @Test
    void theReportedConcurrencyLowersTheConfiguredOneAndNeverRaisesIt() throws Exception {
        TargetSendGate gate = new TargetSendGate("zuora", 4, new MovingClock(java.time.Instant.parse("2026-12-02T00:00:00Z")));
        gate.heard(TargetLimits.of(Map.of("Concurrency-Limit-Limit", "2")));
        assertEquals(2, gate.limit());
        gate.heard(TargetLimits.of(Map.of("Concurrency-Limit-Limit", "200")));
        assertEquals(4, gate.limit());
    }

    @Test
    void aHoldLongerThanTheCallerWaitsFailsAsRateLimitedWithTheTimeLeft() throws Exception {
        MovingClock clock = new MovingClock(java.time.Instant.parse("2026-12-02T00:00:00Z"));
        TargetSendGate gate = new TargetSendGate("zuora", 4, clock);
        gate.heard(TargetLimits.of(Map.of("ratelimit-remaining", "0", "ratelimit-reset", "30")));
        UsageBridgeFailure held = assertThrows(UsageBridgeFailure.class, () -> gate.enter(Duration.ofSeconds(2)));
        assertEquals(CoreFailureCode.TARGET_RATE_LIMITED, held.code());
        assertTrue(held.retryable());
        assertEquals(Duration.ofSeconds(30), held.retryAfter());
        assertEquals(0, gate.inUse());

        clock.advance(Duration.ofSeconds(31));
        gate.enter(Duration.ofSeconds(2));
        assertEquals(1, gate.inUse());
        gate.leave();
        assertEquals(0, gate.inUse());
    }

    @Test
    void aDueRetryIsNotHeldBackByAHoldTheLedgerAlreadyKept() throws Exception {
        MovingClock clock = new MovingClock(java.time.Instant.parse("2026-12-02T00:00:00Z"));
        TargetSendGate gate = new TargetSendGate("zuora", 1, clock);
        gate.heard(TargetLimits.of(Map.of("ratelimit-remaining", "0", "ratelimit-reset", "600")));
        assertThrows(UsageBridgeFailure.class, () -> gate.enter(Duration.ofSeconds(2)));
        gate.enterDue();
        assertEquals(1, gate.inUse(), "a due retry takes its place at once");
        gate.leave();
    }
}
