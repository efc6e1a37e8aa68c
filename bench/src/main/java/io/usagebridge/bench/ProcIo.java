package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a process has read and written so far through read()/write() calls (files, pipes and sockets alike; page-cache
 * hits included), from /proc/&lt;pid&gt;/io: over a one-file run, the app's bytes read over the file's bytes count how
 * many times it read the file end to end.
 */
record ProcIo(long readBytes, long writtenBytes) {

    /** Null once the process has ended (or where there is no /proc). */
    static ProcIo of(long pid) {
        try {
            long read = -1;
            long written = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("rchar:")) {
                    read = Long.parseLong(line.substring(6).trim());
                } else if (line.startsWith("wchar:")) {
                    written = Long.parseLong(line.substring(6).trim());
                }
            }
            return read < 0 || written < 0 ? null : new ProcIo(read, written);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    ProcIo since(ProcIo before) {
        return new ProcIo(readBytes - before.readBytes, writtenBytes - before.writtenBytes);
    }
}
