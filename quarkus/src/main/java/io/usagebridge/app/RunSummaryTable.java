package io.usagebridge.app;

import java.util.List;

import io.usagebridge.intake.RunSummary;

/** The per-file table a run prints before it exits by itself: what a user checks first. */
final class RunSummaryTable {

    private RunSummaryTable() {
    }

    static String format(List<RunSummary.Line> lines) {
        int fileWidth = width("FILE", lines.stream().map(RunSummary.Line::file).toList());
        int outcomeWidth = width("OUTCOME", lines.stream().map(RunSummary.Line::outcome).toList());
        String row = "%-" + fileWidth + "s  %-" + outcomeWidth + "s  %s%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format("UsageBridge run summary: %d file%s%n", lines.size(), lines.size() == 1 ? "" : "s"));
        table.append(String.format(row, "FILE", "OUTCOME", "DETAIL"));
        for (RunSummary.Line line : lines) {
            table.append(String.format(row, line.file(), line.outcome(), line.detail()));
        }
        return table.toString();
    }

    private static int width(String header, List<String> values) {
        return Math.max(header.length(), values.stream().mapToInt(v -> v == null ? 0 : v.length()).max().orElse(0));
    }
}
