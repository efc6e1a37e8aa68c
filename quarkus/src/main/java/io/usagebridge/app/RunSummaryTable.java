package io.usagebridge.app;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.usagebridge.intake.RunSummary;

/**
 * The table a run prints before it exits by itself: one row per source (a file, or an Insights batch folder) with
 * its final outcome, sorted by name so the same inbox prints the same table, under a count per outcome.
 */
final class RunSummaryTable {

    private RunSummaryTable() {
    }

    static String format(List<RunSummary.Line> lines) {
        List<RunSummary.Line> rows = lines.stream().sorted(Comparator.comparing(RunSummary.Line::file)).toList();
        int fileWidth = width("FILE", rows.stream().map(RunSummary.Line::file).toList());
        int outcomeWidth = width("OUTCOME", rows.stream().map(RunSummary.Line::outcome).toList());
        String row = "%-" + fileWidth + "s  %-" + outcomeWidth + "s  %s%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format("UsageBridge run summary: %d source%s%s%n", rows.size(), rows.size() == 1 ? "" : "s",
                counts(rows)));
        table.append(String.format(row, "FILE", "OUTCOME", "DETAIL"));
        for (RunSummary.Line line : rows) {
            table.append(String.format(row, line.file(), line.outcome(), line.detail()));
        }
        return table.toString();
    }

    /** e.g. {@code " (5 DONE, 1 DUPLICATE, 1 FAILED)"}; empty for no rows. */
    private static String counts(List<RunSummary.Line> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        Map<String, Long> byOutcome = rows.stream()
                .collect(Collectors.groupingBy(RunSummary.Line::outcome, TreeMap::new, Collectors.counting()));
        return byOutcome.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static int width(String header, List<String> values) {
        return Math.max(header.length(), values.stream().mapToInt(v -> v == null ? 0 : v.length()).max().orElse(0));
    }
}
