package io.usagebridge.bench;

/**
 * One timed run of an end-to-end case: its wall time, how many files it moved, the one-minute load average just
 * before and just after it (a run taken under load is marked as such in the results), and the CPU seconds it used
 * (the side's own processes, and the simulator's), which other load distorts far less than the wall time.
 */
public record TimedRun(int number, double seconds, int files, double loadBefore, double loadAfter,
        double cpuSeconds, double simulatorCpuSeconds) {

    /** Milliseconds of CPU per file, the simulator's not included (it is the same double for both sides). */
    public double cpuMsPerFile() {
        return 1000 * cpuSeconds / files;
    }

    public double filesPerSecond() {
        return files / seconds;
    }
}
