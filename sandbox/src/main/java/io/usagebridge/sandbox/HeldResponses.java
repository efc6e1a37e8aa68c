package io.usagebridge.sandbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Holds answers for a simulator's {@code delayNext}: a held request waits out its delay in wall-clock time,
 * unless {@link #releaseAll()} lets it go early. Tests wait for a request to be held with
 * {@link #awaitHeld} instead of sleeping. Shared by the HTTP simulators.
 */
final class HeldResponses {

    private int heldNow;
    private long releases;

    /** @return false when interrupted (the simulator is stopping) */
    synchronized boolean hold(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        long release = releases;
        long deadline = System.nanoTime() + delay.toNanos();
        heldNow++;
        notifyAll();
        try {
            while (release == releases) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            heldNow--;
            notifyAll();
        }
    }

    /** Ends every hold now in progress; later holds wait their full delay. */
    synchronized void releaseAll() {
        releases++;
        notifyAll();
    }

    /** Waits until at least {@code count} answers are held; false on timeout. */
    synchronized boolean awaitHeld(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (heldNow < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    synchronized int heldNow() {
        return heldNow;
    }
}
