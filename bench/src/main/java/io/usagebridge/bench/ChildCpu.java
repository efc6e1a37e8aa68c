package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU seconds of the children a process waited for, from a copy of its /proc/&lt;pid&gt;/stat line. */
final class ChildCpu {

    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private ChildCpu() {
    }

    /** cutime + cstime of the stat line in {@code statFile}; NaN when it is missing or unreadable. */
    static double ofWaitedChildren(Path statFile) {
        try {
            String stat = Files.readString(statFile).trim();
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): cutime is field 16, cstime field 17
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
