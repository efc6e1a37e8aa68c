package io.usagebridge.sandbox.zuorasoap;

import io.usagebridge.sandbox.FaultSchedule;

/**
 * The fault knobs that cut a create() short, apart from the shared ones that hit any request: a
 * test can then lose exactly one create() whatever login() and query() calls come between. The
 * two kinds tell the outcomes a client cannot tell apart: before the Imports are made (nothing
 * exists) and after (they exist, the reply is lost).
 */
final class CreateDropSchedule {

    private final FaultSchedule.Countdown beforeCreating = new FaultSchedule.Countdown();
    private final FaultSchedule.Countdown afterCreating = new FaultSchedule.Countdown();

    synchronized void dropBeforeCreating(int n) {
        beforeCreating.set(n);
    }

    synchronized void dropAfterCreating(int n) {
        afterCreating.set(n);
    }

    /** Takes the knob for a create() that has just been read; true: drop it before it runs. */
    synchronized boolean takeBeforeCreating() {
        return beforeCreating.take();
    }

    /** Takes the knob for a create() that has run to its reply; a faulted one keeps it for the next. */
    synchronized boolean takeAfterCreating() {
        return afterCreating.take();
    }

    synchronized void clear() {
        beforeCreating.set(0);
        afterCreating.set(0);
    }
}
