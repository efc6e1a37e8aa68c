package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory from /proc/&lt;pid&gt;/status: VmRSS now and VmHWM, the kernel's high-water mark of it,
 * so the last read before the process ends is its peak whatever happened between two reads.
 */
record ProcMemory(long rssKiB, long peakRssKiB) {

    /** Null once the process has ended (or where there is no /proc). */
    static ProcMemory of(long pid) {
        try {
            long rss = -1;
            long peak = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                }
            }
            return rss < 0 || peak < 0 ? null : new ProcMemory(rss, peak);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code VmHWM:	  123456 kB}. */
    private static long kib(String line) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0]);
    }
}
