package io.usagebridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a JVM's {@code -Xlog:gc} file: each pause logs {@code before->after(committed)}, so the
 * largest "before" is the most heap the app had in use (a young collection starts when its regions are full), the
 * largest "after" of a collection the most it still held (its live data, at most), and the largest committed figure
 * how far the heap grew towards -Xmx.
 */
record GcLog(int pauses, long peakUsedBytes, long peakLiveBytes, long peakCommittedBytes, double longestPauseMs) {

    private static final Pattern HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)"
            + "(?: (\\d+(?:\\.\\d+)?)ms)?");

    static GcLog read(Path file) throws IOException {
        int pauses = 0;
        long used = 0;
        long live = 0;
        long committed = 0;
        double longest = 0;
        if (!Files.isRegularFile(file)) {
            return new GcLog(0, -1, -1, -1, Double.NaN);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher heap = HEAP.matcher(line);
                if (!heap.find()) {
                    continue;
                }
                pauses++;
                used = Math.max(used, bytes(heap.group(1), heap.group(2)));
                if (line.contains("Pause Young") || line.contains("Pause Full")) {
                    // a Remark or Cleanup pause frees nothing: its "after" is no measure of what is live
                    live = Math.max(live, bytes(heap.group(3), heap.group(4)));
                }
                committed = Math.max(committed, bytes(heap.group(5), heap.group(6)));
                if (heap.group(7) != null) {
                    longest = Math.max(longest, Double.parseDouble(heap.group(7)));
                }
            }
        }
        return new GcLog(pauses, used, live, committed, longest);
    }

    private static long bytes(String figure, String unit) {
        long value = Long.parseLong(figure);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
