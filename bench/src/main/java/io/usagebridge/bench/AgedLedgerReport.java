package io.usagebridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Case aged-ledger in the results: its summary row and its section. */
final class AgedLedgerReport {

    private AgedLedgerReport() {
    }

    static String summaryRow(AgedLedgerCase.Result r) {
        return String.format(Locale.ROOT, "| %,d small 2Checkout files on a ledger already holding %,d deliveries "
                        + "| %.1f files/s | the same on an empty ledger: %.1f files/s | **%.2f×** | ≥ 0.8× | %s |",
                r.files(), r.aged().get(0).pastDeliveries(), rate(r.aged()), rate(r.empty()), r.ratio(),
                ResultsReport.loadRange(timed(r)));
    }

    static void section(AgedLedgerCase.Result r, Consumer<String> line) {
        line.accept("## f. Small files on a ledger a year old");
        line.accept("");
        line.accept("`AgedLedgerCase`: " + String.format(Locale.ROOT, "%,d", r.files()) + " small 2Checkout files "
                + "(case a's kind) dropped with one `mv` into the packaged app twice, each against a fresh simulator: "
                + "on an empty ledger, and on a ledger holding a year of past files (each a DONE source, one ACCEPTED "
                + "delivery, one attempt, of other content; written into the H2 file between the app's first start, "
                + "which created the schema, and the timed start). Both apps were started once before, so the sides "
                + "differ in the ledger's age only. **Checked:** every file's 2Checkout form arrived once, accepted.");
        line.accept("");
        line.accept("| ledger | past deliveries | writing them | ledger file before → after | time | files/s | "
                + "CPU per file | load |");
        line.accept("|---|---|---|---|---|---|---|---|");
        List<AgedLedgerCase.Side> sides = new ArrayList<>();
        for (int i = 0; i < r.empty().size(); i++) {
            sides.add(r.empty().get(i));
            sides.add(r.aged().get(i));
        }
        for (AgedLedgerCase.Side side : sides) {
            TimedRun t = side.timed();
            line.accept(String.format(Locale.ROOT, "| %s (run %d) | %,d | %s | %.0f → %.0f MB | %.1f s | %.1f | "
                            + "%.1f ms | %s → %s |", side.ledger(), t.number(), side.pastDeliveries(),
                    side.pastDeliveries() == 0 ? "—" : String.format(Locale.ROOT, "%.1f s", side.seedSeconds()),
                    side.ledgerBytesBefore() / 1e6, side.ledgerBytesAfter() / 1e6, t.seconds(), t.filesPerSecond(),
                    t.cpuMsPerFile(), ResultsReport.f2(t.loadBefore()), ResultsReport.f2(t.loadAfter())));
        }
        line.accept("");
    }

    private static double rate(List<AgedLedgerCase.Side> sides) {
        return Median.of(sides.stream().map(side -> side.timed().filesPerSecond()).toList());
    }

    private static List<TimedRun> timed(AgedLedgerCase.Result r) {
        List<TimedRun> all = new ArrayList<>();
        r.empty().forEach(side -> all.add(side.timed()));
        r.aged().forEach(side -> all.add(side.timed()));
        return all;
    }
}
