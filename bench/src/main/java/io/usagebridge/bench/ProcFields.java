package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code name: number [unit]} lines of a /proc/&lt;pid&gt; file ({@code status}, {@code io}), by name, the
 * number as written (kB for status' Vm* lines). Empty once the process has ended (or where there is no /proc).
 */
final class ProcFields {

    private ProcFields() {
    }

    static Map<String, Long> of(long pid, String file) {
        Map<String, Long> fields = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                int colon = line.indexOf(':');
                String[] value = line.substring(colon + 1).trim().split("\\s+");
                if (colon > 0 && value[0].matches("\\d+")) {
                    fields.put(line.substring(0, colon), Long.parseLong(value[0]));
                }
            }
        } catch (IOException | RuntimeException ended) {
            return Map.of();
        }
        return fields;
    }
}
