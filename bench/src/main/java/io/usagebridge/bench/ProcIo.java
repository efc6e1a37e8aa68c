package io.usagebridge.bench;

import java.util.Map;

/**
 * What a process has read and written so far through read()/write() calls (files, pipes and sockets alike; page-cache
 * hits included), from /proc/&lt;pid&gt;/io: over a one-file run, the app's bytes read over the file's bytes count how
 * many times it read the file end to end.
 */
record ProcIo(long readBytes, long writtenBytes) {

    /** Null once the process has ended (or where there is no /proc). */
    static ProcIo of(long pid) {
        Map<String, Long> io = ProcFields.of(pid, "io");
        Long read = io.get("rchar");
        Long written = io.get("wchar");
        return read == null || written == null ? null : new ProcIo(read, written);
    }

    ProcIo since(ProcIo before) {
        return new ProcIo(readBytes - before.readBytes, writtenBytes - before.writtenBytes);
    }
}
