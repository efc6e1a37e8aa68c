package io.usagebridge.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ledger.ReconciliationLine;
import io.usagebridge.reconcile.ReconciliationCsv;

/** {@code reconcile}: a day's rows per target, as a table or (--csv) as the API's CSV file has them. */
final class ReconciliationReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReconciliationReport() {
    }

    static void print(JsonNode report, boolean csv, PrintStream out) throws IOException {
        LocalDate day = LocalDate.parse(report.path("day").asText());
        List<ReconciliationLine> lines = new ArrayList<>();
        for (JsonNode target : report.path("targets")) {
            lines.add(JSON.treeToValue(target, ReconciliationLine.class));
        }
        if (csv) {
            ReconciliationCsv.write(day, lines, out);
            return;
        }
        out.println("Reconciliation of the files received on " + day + " (UTC):");
        String row = "  %-24s %6s %10s %10s %13s %13s %11s %12s %9s%n";
        out.printf(row, "TARGET", "FILES", "DELIVERIES", "ROWS SENT", "ROWS ACCEPTED", "ROWS REJECTED",
                "ROWS FAILED", "ROWS PENDING", "UNCERTAIN");
        if (lines.isEmpty()) {
            out.println("  no file was received that day");
        }
        for (ReconciliationLine l : lines) {
            out.printf(row, l.target(), l.files(), l.deliveries(), l.rowsSent(), l.rowsAccepted(), l.rowsRejected(),
                    l.rowsFailed(), l.rowsPending(), l.deliveriesUncertain());
        }
    }
}
