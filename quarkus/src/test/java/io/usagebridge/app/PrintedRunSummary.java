package io.usagebridge.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The run summary table as the app printed it, read back from a run's output (RunSummaryTable's layout). */
record PrintedRunSummary(String heading, List<Row> rows) {

    record Row(String file, String outcome, String detail) {
    }

    private static final String HEADING = "UsageBridge run summary: ";
    /** A row ends the table when the next line is a log line (timestamp) or the sandbox launcher's. */
    private static final Pattern NOT_A_ROW = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} |sandbox: ).*");

    static PrintedRunSummary from(List<String> output) {
        int at = -1;
        for (int i = 0; i < output.size(); i++) {
            if (output.get(i).startsWith(HEADING)) {
                if (at >= 0) {
                    throw new AssertionError("the summary was printed twice");
                }
                at = i;
            }
        }
        if (at < 0 || at + 1 >= output.size()) {
            throw new AssertionError("no run summary in the output");
        }
        String header = output.get(at + 1);
        int outcomeColumn = header.indexOf("OUTCOME");
        int detailColumn = header.indexOf("DETAIL");
        if (!header.startsWith("FILE") || outcomeColumn < 0 || detailColumn < 0) {
            throw new AssertionError("not the summary's header: " + header);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = at + 2; i < output.size() && !NOT_A_ROW.matcher(output.get(i)).matches(); i++) {
            String line = output.get(i);
            rows.add(new Row(line.substring(0, outcomeColumn).trim(), line.substring(outcomeColumn, detailColumn).trim(),
                    line.substring(detailColumn).trim()));
        }
        return new PrintedRunSummary(output.get(at), rows);
    }
}
