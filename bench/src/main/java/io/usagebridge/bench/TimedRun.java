package io.usagebridge.bench;

/**
 * One timed run of an end-to-end case: its wall time, how many files it moved, and the one-minute load average just
 * before and just after it (a run taken under load is marked as such in the results).
 */
public record TimedRun(int number, double seconds, int files, double loadBefore, double loadAfter) {

    public double filesPerSecond() {
        return files / seconds;
    }
}
