package io.usagebridge.bench;

import java.util.Map;

/**
 * A process's resident memory from /proc/&lt;pid&gt;/status: VmRSS now and VmHWM, the kernel's high-water mark of it,
 * so the last read before the process ends is its peak whatever happened between two reads.
 */
record ProcMemory(long rssKiB, long peakRssKiB) {

    /** Null once the process has ended (or where there is no /proc). */
    static ProcMemory of(long pid) {
        Map<String, Long> status = ProcFields.of(pid, "status");
        Long rss = status.get("VmRSS");
        Long peak = status.get("VmHWM");
        return rss == null || peak == null ? null : new ProcMemory(rss, peak);
    }
}
