package io.usagebridge.reconcile;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;

import io.usagebridge.csv.CsvFormats;
import io.usagebridge.ledger.ReconciliationLine;

/** The daily reconciliation as CSV: a header, then a line per target, each starting with the day. */
public final class ReconciliationCsv {

    private ReconciliationCsv() {
    }

    public static void write(LocalDate day, List<ReconciliationLine> lines, Appendable out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CsvFormats.WRITE);
        List<Object> header = new ArrayList<>(List.of("day"));
        header.addAll(ReconciliationLine.COLUMNS);
        csv.printRecord(header);
        for (ReconciliationLine line : lines) {
            List<Object> values = new ArrayList<>(List.of(day.toString()));
            values.addAll(line.values());
            csv.printRecord(values);
        }
        csv.flush();
    }
}
