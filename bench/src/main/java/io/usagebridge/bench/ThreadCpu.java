package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds per kind of thread of a process, from /proc/&lt;pid&gt;/task/*&#47;stat: whether the time goes to the
 * work itself (Camel's threads), to the JIT compilers, to GC or elsewhere. Threads are grouped by their kernel name
 * (the first 15 characters of the Java name) with a trailing number dropped, so "C2 CompilerThre" covers every C2
 * thread and "GC Thread" every GC worker.
 */
public final class ThreadCpu {

    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private ThreadCpu() {
    }

    /** CPU seconds by thread group so far; empty where there is no /proc. */
    public static Map<String, Double> of(long pid) {
        Map<String, Double> byGroup = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
                            / (double) CLOCK_TICKS_PER_SECOND;
                    byGroup.merge(group(name), seconds, Double::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // a thread that ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byGroup;
    }

    /** {@code after - before} per group, largest first. */
    public static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new HashMap<>();
        after.forEach((group, seconds) -> used.put(group, seconds - before.getOrDefault(group, 0.0)));
        Map<String, Double> sorted = new LinkedHashMap<>();
        used.entrySet().stream().filter(e -> e.getValue() > 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static String group(String name) {
        // "GC Thread#1" and "GC Thread#0" are one group; "C2 CompilerThre" and "C1 CompilerThre" stay apart
        return name.replaceAll("#\\d+$", "").replaceAll("(?<=\\D)\\d+$", "").trim();
    }
}
