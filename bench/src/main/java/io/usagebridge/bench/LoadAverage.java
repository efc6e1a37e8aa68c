package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's one-minute load average, noted beside every figure: on two shared cores a figure taken while other
 * builds run is distorted, and the reader must be able to tell.
 */
public final class LoadAverage {

    private static final Path PROC_LOADAVG = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    /** The one-minute load average now, e.g. {@code 0.42}; NaN where /proc is not there. */
    public static double oneMinute() {
        try {
            return Double.parseDouble(Files.readString(PROC_LOADAVG).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
