package io.usagebridge.deadletter;

import java.time.Duration;
import java.time.Instant;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.DeliveryState;

/**
 * What a failed delivery becomes, by stage. Before any byte went on the wire, a failure is retried. After, it is
 * retried only when the target said it did not process the request (503, 429, a refused connection) or when the
 * target deduplicates repeats (the same Idempotency-Key returns the first answer); otherwise it is UNCERTAIN. A retry
 * is parked in the ledger with its next attempt time (backoff, or the target's Retry-After), never slept on.
 */
public final class DeliveryFailurePolicy {

    /** What to do with one failed delivery. */
    public record Decision(DeliveryState state, UsageBridgeFailure failure, Instant nextAttempt) {
        public boolean parked() {
            return state == DeliveryState.PARKED;
        }
    }

    private final int maxRetries;
    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;

    public DeliveryFailurePolicy(int maxRetries, Duration initialDelay, double multiplier, Duration maxDelay) {
        this.maxRetries = maxRetries;
        this.initialDelay = initialDelay;
        this.multiplier = multiplier;
        this.maxDelay = maxDelay;
    }

    /**
     * @param failure        what was thrown, classified
     * @param requestWritten true once the request may have gone on the wire (the delivery was SENDING)
     * @param targetDedups   the target recognises a repeat of this request (an idempotency key)
     * @param retriesSoFar   how often this delivery was parked before
     */
    /**
     * An I/O error while nothing was being sent (a local disk, a chunk file, a name too long) is local: retried,
     * never "uncertain", whatever the classifier, which cannot see the stage, made of it.
     */
    public static UsageBridgeFailure beforeSending(UsageBridgeFailure failure) {
        if (failure.code() != CoreFailureCode.DELIVERY_UNCERTAIN) {
            return failure;
        }
        Throwable io = failure;
        while (io != null && !(io instanceof java.io.IOException)) {
            io = io.getCause();
        }
        String what = io == null ? failure.getMessage() : io.getClass().getSimpleName() + ": " + io.getMessage();
        return new UsageBridgeFailure(CoreFailureCode.LOCAL_IO_ERROR, "a local file could not be read or written, "
                + "nothing was sent (" + what + ")", failure.targetReply(), true, null, failure);
    }

    public Decision decide(UsageBridgeFailure failure, boolean requestWritten, boolean targetDedups,
                           int retriesSoFar, Instant now) {
        UsageBridgeFailure seen = requestWritten ? failure : beforeSending(failure);
        boolean mayHaveArrived = requestWritten && seen.code().mayHaveArrived();
        if (mayHaveArrived && !targetDedups) {
            if (seen.code() != CoreFailureCode.DELIVERY_UNCERTAIN
                    && seen.code() != CoreFailureCode.REMOTE_STATUS_TIMEOUT) {
                seen = new UsageBridgeFailure(CoreFailureCode.DELIVERY_UNCERTAIN, seen.getMessage() + " (" + seen.code()
                        + "); it is not resent on its own: check the target, then resolve", seen.targetReply(),
                        false, null, seen);
            }
            return new Decision(DeliveryState.UNCERTAIN, seen, null);
        }
        boolean retryable = seen.retryable() || (mayHaveArrived && targetDedups);
        if (retryable && retriesSoFar < maxRetries) {
            Duration wait = seen.retryAfter() != null ? seen.retryAfter() : backoff(retriesSoFar);
            return new Decision(DeliveryState.PARKED, seen, now.plus(wait));
        }
        // the target refused nothing when our side failed (our code, our disk, our trust in its certificate)
        DeliveryState state = retryable || seen.code() == CoreFailureCode.INTERNAL_ERROR
                || seen.code() == CoreFailureCode.LOCAL_IO_ERROR || seen.code() == CoreFailureCode.TLS_NOT_TRUSTED
                ? DeliveryState.FAILED : DeliveryState.REJECTED;
        return new Decision(state, seen, null);
    }

    /** initial × multiplier^retries, capped. */
    Duration backoff(int retriesSoFar) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, retriesSoFar);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    public int maxRetries() {
        return maxRetries;
    }
}
