package io.usagebridge.sandbox.zuora;

import java.time.Duration;

/**
 * The fault knobs of the Zuora simulator, in the manner of the 2Checkout simulator's: each kind
 * applies to the next N API requests and then stops; the kinds count down independently, so
 * one request may be both delayed and failed. (The sandbox's own {@code FaultSchedule} is
 * package-private to {@code io.usagebridge.sandbox}, hence this copy with two more kinds.)
 */
final class ApiFaults {

    /**
     * What to do to one request.
     *
     * @param failStatus        answer this status without processing; 0 = no failure
     * @param drop              close the connection without processing or answering
     * @param delay             hold the answer this long
     * @param dropAfterCommit   process the request fully, then close without answering
     */
    record Faults(int failStatus, boolean drop, Duration delay, boolean dropAfterCommit) {
        static final Faults NONE = new Faults(0, false, Duration.ZERO, false);

        boolean fail() {
            return failStatus != 0;
        }
    }

    /** A 429 to answer: how long the client is told to wait. */
    record RateLimit(Duration retryAfter) {
    }

    private int failRemaining;
    private int failStatus;
    private int dropRemaining;
    private int delayRemaining;
    private Duration delay = Duration.ZERO;
    private int dropAfterCommitRemaining;
    private int rateLimitRemaining;
    private Duration retryAfter = Duration.ZERO;
    private int statusHoldRemaining;
    private Duration statusHold = Duration.ZERO;

    synchronized void failNext(int n, int httpStatus) {
        requireCount(n);
        if (httpStatus < 200 || httpStatus > 599) {
            throw new IllegalArgumentException("HTTP status must be 200..599, was " + httpStatus);
        }
        failRemaining = n;
        failStatus = httpStatus;
    }

    synchronized void dropNext(int n) {
        requireCount(n);
        dropRemaining = n;
    }

    synchronized void delayNext(int n, Duration d) {
        requireCount(n);
        if (d.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        delayRemaining = n;
        delay = d;
    }

    synchronized void dropResponseAfterCommitNext(int n) {
        requireCount(n);
        dropAfterCommitRemaining = n;
    }

    synchronized void rateLimitNext(int n, Duration wait) {
        requireCount(n);
        if (wait.isNegative()) {
            throw new IllegalArgumentException("Retry-After must not be negative");
        }
        rateLimitRemaining = n;
        retryAfter = wait;
    }

    synchronized void holdStatusRepliesNext(int n, Duration hold) {
        requireCount(n);
        if (hold.isNegative()) {
            throw new IllegalArgumentException("hold must not be negative");
        }
        statusHoldRemaining = n;
        statusHold = hold;
    }

    /** How long to hold the answer to the status poll now answered (zero when no hold is due). */
    synchronized Duration nextStatusHold() {
        if (statusHoldRemaining == 0) {
            return Duration.ZERO;
        }
        statusHoldRemaining--;
        return statusHold;
    }

    /** Takes the faults for the API request now arriving. */
    synchronized Faults next() {
        int status = 0;
        if (failRemaining > 0) {
            failRemaining--;
            status = failStatus;
        }
        boolean drop = false;
        if (dropRemaining > 0) {
            dropRemaining--;
            drop = true;
        }
        Duration wait = Duration.ZERO;
        if (delayRemaining > 0) {
            delayRemaining--;
            wait = delay;
        }
        boolean afterCommit = false;
        // a request dropped or failed before processing has nothing to commit: it keeps the knob
        if (!drop && status == 0 && dropAfterCommitRemaining > 0) {
            dropAfterCommitRemaining--;
            afterCommit = true;
        }
        return new Faults(status, drop, wait, afterCommit);
    }

    /** Takes a 429 for an authenticated request, or null when none is due. */
    synchronized RateLimit nextRateLimit() {
        if (rateLimitRemaining == 0) {
            return null;
        }
        rateLimitRemaining--;
        return new RateLimit(retryAfter);
    }

    synchronized void clear() {
        failRemaining = 0;
        dropRemaining = 0;
        delayRemaining = 0;
        dropAfterCommitRemaining = 0;
        rateLimitRemaining = 0;
        statusHoldRemaining = 0;
    }

    private static void requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("request count must not be negative, was " + n);
        }
    }
}
