package io.usagebridge.sandbox.zuora;

import io.usagebridge.sandbox.FaultSchedule;
import java.time.Duration;

/**
 * The Zuora simulator's own fault knobs, besides the shared ones of its server: 429s for authenticated requests,
 * and status polls answered late. Each applies to the next N matching requests, then stops.
 */
final class ApiFaults {

    /** A 429 to answer: how long the client is told to wait. */
    record RateLimit(Duration retryAfter) {
    }

    private final FaultSchedule.Countdown rateLimits = new FaultSchedule.Countdown();
    private Duration retryAfter = Duration.ZERO;
    private final FaultSchedule.Countdown statusHolds = new FaultSchedule.Countdown();
    private Duration statusHold = Duration.ZERO;

    synchronized void rateLimitNext(int n, Duration wait) {
        rateLimits.set(n);
        retryAfter = FaultSchedule.requireNotNegative(wait, "Retry-After");
    }

    synchronized void holdStatusRepliesNext(int n, Duration hold) {
        statusHolds.set(n);
        statusHold = FaultSchedule.requireNotNegative(hold, "hold");
    }

    /** How long to hold the answer to the status poll now answered (zero when no hold is due). */
    synchronized Duration nextStatusHold() {
        return statusHolds.take() ? statusHold : Duration.ZERO;
    }

    /** Takes a 429 for an authenticated request, or null when none is due. */
    synchronized RateLimit nextRateLimit() {
        return rateLimits.take() ? new RateLimit(retryAfter) : null;
    }

    synchronized void clear() {
        rateLimits.set(0);
        statusHolds.set(0);
    }
}
