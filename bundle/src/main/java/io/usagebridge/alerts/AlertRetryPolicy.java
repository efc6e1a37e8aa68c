package io.usagebridge.alerts;

import java.time.Duration;

/**
 * How long an alert waits after a failed attempt on a channel (exponential backoff, or the receiver's Retry-After
 * when it gave one), and when it is given up: after {@code maxAttempts} attempts in all. One policy for every channel.
 */
public record AlertRetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public Duration delayAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    public boolean lastAttempt(int attempt) {
        return attempt >= maxAttempts;
    }
}
