package io.usagebridge.sandbox.zuorasoap;

/**
 * The fault knobs that cut a create() short, apart from the shared ones that hit any request: a
 * test can then lose exactly one create() whatever login() and query() calls come between. The
 * two kinds tell the outcomes a client cannot tell apart: before the Imports are made (nothing
 * exists) and after (they exist, the reply is lost).
 */
final class CreateDropSchedule {

    private int beforeCreating;
    private int afterCreating;

    synchronized void dropBeforeCreating(int n) {
        beforeCreating = requireCount(n);
    }

    synchronized void dropAfterCreating(int n) {
        afterCreating = requireCount(n);
    }

    /** Takes the knob for a create() that has just been read; true: drop it before it runs. */
    synchronized boolean takeBeforeCreating() {
        if (beforeCreating == 0) {
            return false;
        }
        beforeCreating--;
        return true;
    }

    /** Takes the knob for a create() that has run to its reply; a faulted one keeps it for the next. */
    synchronized boolean takeAfterCreating() {
        if (afterCreating == 0) {
            return false;
        }
        afterCreating--;
        return true;
    }

    synchronized void clear() {
        beforeCreating = 0;
        afterCreating = 0;
    }

    private static int requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("request count must not be negative, was " + n);
        }
        return n;
    }
}
