package io.usagebridge.pacing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * One target's share of this instance's sends: at most {@link #limit()} at once (the configured figure, lowered to
 * the concurrency the target reports), and none while the target said its share or its rate limit is spent. A send
 * waits here for a place; a hold longer than the caller allows is not waited out on the thread: it fails as
 * TARGET_RATE_LIMITED before anything is sent, so the delivery is parked in the ledger until the hold is over.
 */
public final class TargetSendGate {

    private final String target;
    private final int configured;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int inUse;
    private int reported = Integer.MAX_VALUE;
    private Instant holdUntil = Instant.MIN;

    public TargetSendGate(String target, int configured, Clock clock) {
        if (configured < 1) {
            throw new IllegalArgumentException("target." + target + ".max-concurrent-sends must be at least 1, not "
                    + configured);
        }
        this.target = target;
        this.configured = configured;
        this.clock = clock;
    }

    /** Takes a place, waiting for one (and out a hold of at most {@code maxHoldWait}). */
    public void enter(Duration maxHoldWait) throws InterruptedException {
        take(maxHoldWait, true);
    }

    /** Takes a place for a send whose wait the ledger kept (a due parked retry): waits for a place, not a hold. */
    public void enterDue() throws InterruptedException {
        take(Duration.ZERO, false);
    }

    private void take(Duration maxHoldWait, boolean heedHold) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                Duration hold = heedHold ? Duration.between(clock.instant(), holdUntil) : Duration.ZERO;
                if (hold.compareTo(maxHoldWait) > 0) {
                    throw new UsageBridgeFailure(CoreFailureCode.TARGET_RATE_LIMITED, target + " said its request "
                            + "limit is spent for " + seconds(hold) + " s more: nothing sent, the send waits in the "
                            + "ledger", null, true, hold, null);
                }
                if (hold.isNegative() || hold.isZero()) {
                    if (inUse < limit()) {
                        inUse++;
                        return;
                    }
                    changed.await();
                } else {
                    changed.await(hold.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives a place back. */
    public void leave() {
        lock.lock();
        try {
            inUse = Math.max(0, inUse - 1);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What a reply said of the target's limits: the share shrinks (or grows back) to it, a spent limit holds. */
    public void heard(TargetLimits limits) {
        lock.lock();
        try {
            if (limits.concurrencyLimit().isPresent()) {
                reported = limits.concurrencyLimit().getAsInt();
            }
            Instant now = clock.instant();
            if (limits.concurrencySpent()) {
                holdUntil = later(holdUntil, now.plus(TargetLimits.CONCURRENCY_REFRESH));
            }
            if (limits.rateLimitResetIn() != null) {
                holdUntil = later(holdUntil, now.plus(limits.rateLimitResetIn()));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sends taken at once now: the configured figure or the target's own, whichever is lower. */
    public int limit() {
        lock.lock();
        try {
            return Math.min(configured, reported);
        } finally {
            lock.unlock();
        }
    }

    public int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static long seconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }
}
