package io.usagebridge.poll;

import java.time.Duration;
import java.time.Instant;

import io.usagebridge.config.TargetConfig;

/**
 * How a target's remote jobs are followed: the first check, a backoff that doubles up to a cap, and an overall
 * deadline after which the job is given up as REMOTE_STATUS_TIMEOUT.
 */
public record PollTiming(Duration initialDelay, Duration maxDelay, Duration timeout) {

    public static PollTiming of(TargetConfig target) {
        return new PollTiming(Duration.ofMillis(target.settings().getLong("poll-initial-delay-ms", 5_000)),
                Duration.ofMillis(target.settings().getLong("poll-max-delay-ms", 300_000)),
                Duration.ofMillis(target.settings().getLong("poll-timeout-ms", 86_400_000)));
    }

    /** When to ask again after {@code polls} checks. */
    public Instant next(Instant now, int polls) {
        long factor = 1L << Math.min(polls, 20);
        Duration wait = initialDelay.multipliedBy(factor);
        return now.plus(wait.compareTo(maxDelay) > 0 ? maxDelay : wait);
    }
}
