package io.usagebridge.sandbox;

import java.time.Duration;

/**
 * The fault knobs of a simulator. Each kind applies to the next N requests and then stops;
 * the kinds count down independently, so one request may be both delayed and failed.
 */
public final class FaultSchedule {

    /**
     * What to do to one request; {@code failStatus} 0 means no failure. {@code storedFailStatus} (0 = none):
     * process and keep the request as usual, then answer this status instead of the verdict, as a receiver
     * that stored the upload and failed afterwards.
     */
    public record Faults(int failStatus, boolean drop, Duration delay, int storedFailStatus) {
        static final Faults NONE = new Faults(0, false, Duration.ZERO, 0);

        public boolean fail() {
            return failStatus != 0;
        }

        public boolean failAfterStore() {
            return storedFailStatus != 0;
        }
    }

    private int failRemaining;
    private int failStatus;
    private int dropRemaining;
    private int delayRemaining;
    private Duration delay = Duration.ZERO;
    private int storedFailRemaining;
    private int storedFailStatus;

    public synchronized void failNext(int n, int httpStatus) {
        requireCount(n);
        requireStatus(httpStatus);
        failRemaining = n;
        failStatus = httpStatus;
    }

    /** The next {@code n} requests are processed and kept, then answered {@code httpStatus}. */
    public synchronized void failAfterStoreNext(int n, int httpStatus) {
        requireCount(n);
        requireStatus(httpStatus);
        storedFailRemaining = n;
        storedFailStatus = httpStatus;
    }

    public synchronized void dropNext(int n) {
        requireCount(n);
        dropRemaining = n;
    }

    public synchronized void delayNext(int n, Duration d) {
        requireCount(n);
        if (d.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        delayRemaining = n;
        delay = d;
    }

    /** Takes the faults for the request now arriving. */
    public synchronized Faults next() {
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
        int storedStatus = 0;
        // a request failed or dropped before processing is never stored: it keeps the knob
        if (status == 0 && !drop && storedFailRemaining > 0) {
            storedFailRemaining--;
            storedStatus = storedFailStatus;
        }
        return new Faults(status, drop, wait, storedStatus);
    }

    public synchronized void clear() {
        failRemaining = 0;
        dropRemaining = 0;
        delayRemaining = 0;
        storedFailRemaining = 0;
    }

    private static void requireStatus(int httpStatus) {
        if (httpStatus < 200 || httpStatus > 599) {
            throw new IllegalArgumentException("HTTP status must be 200..599, was " + httpStatus);
        }
    }

    private static void requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("request count must not be negative, was " + n);
        }
    }
}
