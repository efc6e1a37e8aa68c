package io.usagebridge.sandbox;

import java.time.Duration;

/**
 * The fault knobs of a simulator. Each kind applies to the next N requests and then stops; the kinds count down
 * independently, so one request may be both delayed and failed. Two kinds act after the request was processed and
 * kept (a target that stored the upload and then failed, or lost the answer): a request failed or dropped before
 * processing never takes them.
 */
public final class FaultSchedule {

    /**
     * What to do to one request.
     *
     * @param failStatus       answer this status without processing; 0 = no failure
     * @param drop             close the connection without processing or answering
     * @param delay            hold the answer this long
     * @param storedFailStatus process and keep the request, then answer this status instead; 0 = none
     * @param dropAfterStore   process and keep the request, then close without answering
     */
    public record Faults(int failStatus, boolean drop, Duration delay, int storedFailStatus, boolean dropAfterStore) {
        public static final Faults NONE = new Faults(0, false, Duration.ZERO, 0, false);

        public boolean fail() {
            return failStatus != 0;
        }

        public boolean failAfterStore() {
            return storedFailStatus != 0;
        }
    }

    private final Countdown fail = new Countdown();
    private int failStatus;
    private final Countdown drop = new Countdown();
    private final Countdown delay = new Countdown();
    private Duration delayLength = Duration.ZERO;
    private final Countdown storedFail = new Countdown();
    private int storedFailStatus;
    private final Countdown dropAfterStore = new Countdown();

    public synchronized void failNext(int n, int httpStatus) {
        fail.set(n);
        failStatus = requireStatus(httpStatus);
    }

    public synchronized void dropNext(int n) {
        drop.set(n);
    }

    public synchronized void delayNext(int n, Duration d) {
        delay.set(n);
        delayLength = requireNotNegative(d, "delay");
    }

    /** The next {@code n} requests are processed and kept, then answered {@code httpStatus}. */
    public synchronized void failAfterStoreNext(int n, int httpStatus) {
        storedFail.set(n);
        storedFailStatus = requireStatus(httpStatus);
    }

    /** The next {@code n} requests are processed and kept, then their connection is closed without an answer. */
    public synchronized void dropAfterStoreNext(int n) {
        dropAfterStore.set(n);
    }

    /** Takes the faults for the request now arriving. */
    public synchronized Faults next() {
        int status = fail.take() ? failStatus : 0;
        boolean dropped = drop.take();
        Duration wait = delay.take() ? delayLength : Duration.ZERO;
        boolean processed = status == 0 && !dropped;
        int storedStatus = processed && storedFail.take() ? storedFailStatus : 0;
        boolean dropStored = processed && dropAfterStore.take();
        return new Faults(status, dropped, wait, storedStatus, dropStored);
    }

    public synchronized void clear() {
        fail.set(0);
        drop.set(0);
        delay.set(0);
        storedFail.set(0);
        dropAfterStore.set(0);
    }

    /** Rejects a negative wait; returns it. */
    public static Duration requireNotNegative(Duration d, String what) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative");
        }
        return d;
    }

    private static int requireStatus(int httpStatus) {
        if (httpStatus < 200 || httpStatus > 599) {
            throw new IllegalArgumentException("HTTP status must be 200..599, was " + httpStatus);
        }
        return httpStatus;
    }

    /** How many of the next requests a knob still applies to. Guarded by the schedule. */
    public static final class Countdown {
        private int remaining;

        /** Applies to the next {@code n} requests from now on. */
        public void set(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("request count must not be negative, was " + n);
            }
            remaining = n;
        }

        /** True when the knob applies to this request (and counts it). */
        public boolean take() {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            return true;
        }
    }
}
