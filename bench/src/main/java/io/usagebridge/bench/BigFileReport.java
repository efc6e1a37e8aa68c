package io.usagebridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Case big-file in the results: its summary row and its section. */
final class BigFileReport {

    private BigFileReport() {
    }

    static String summaryRow(BigFileCase.Result r) {
        double ub = Median.of(r.usageBridge().stream().map(run -> run.timed().seconds()).toList());
        double loop = Median.of(r.loop().stream().map(TimedRun::seconds).toList());
        double rowPhase = Median.of(r.usageBridge().stream().map(run -> run.timeline().receivedToFirstClaimMs())
                .toList());
        double reads = Median.of(r.usageBridge().stream().map(run -> run.io().readBytes() / (double) r.fileBytes())
                .toList());
        return String.format(Locale.ROOT, "| one %,d-byte 2Checkout file (%,d rows), inbox → accepted in %d chunks "
                        + "| %.1f s (rows read, checked, shaped, chunked: %.2f µs per row; the app read %.2f× the "
                        + "file's bytes) | md5sum + openssl + one curl of the file (the loop): %.1f s | **%.2f×** the "
                        + "loop's time | ≤ 2× (≤ 1 µs per row) | %s |",
                r.fileBytes(), r.rows(), r.chunks(), ub, 1000 * rowPhase / r.rows(), reads, loop, r.ratio(),
                ResultsReport.loadRange(timed(r)));
    }

    static void section(BigFileCase.Result r, Consumer<String> line) {
        line.accept("## g. One large file to 2Checkout");
        line.accept("");
        line.accept(String.format(Locale.ROOT, "`BigFileCase`: one generated 2Checkout usage file of %,d bytes "
                + "(%,d rows of case a's kinds) moved into the packaged app's inbox; it is read, every row checked and "
                + "shaped to 2Checkout's contract (dates to `yyyy-MM-dd HH:mm:ss` at +02:00), cut to the target's "
                + "limits (%d chunks), and each chunk sent; timed from the `mv` to the simulator having processed "
                + "the last chunk. The reference is case a's loop on a folder holding only this file: `md5sum`, "
                + "`openssl`, one `curl -F` of the whole file. **Checked:** every chunk's bytes (worked out by the "
                + "harness) arrived once, accepted; the loop's upload has the file's MD5. **Passes over the file:** "
                + "what the app read and wrote through read()/write() from the drop to the end (`/proc/<pid>/io` "
                + "rchar, wchar: files and sockets, page-cache hits included) over the file's bytes.", r.fileBytes(),
                r.rows(), r.chunks()));
        line.accept("");
        line.accept("| run | UsageBridge | drop → RECEIVED (copy, fingerprint) | RECEIVED → first CLAIMED (rows) | "
                + "per row | sends | CPU | read ÷ file | written ÷ file | load | loop | loop CPU | load |");
        line.accept("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < r.usageBridge().size(); i++) {
            BigFileCase.UsageBridgeRun ub = r.usageBridge().get(i);
            TimedRun loop = r.loop().get(i);
            BigFileTimeline t = ub.timeline();
            line.accept(String.format(Locale.ROOT, "| %d | %.1f s | %.1f s | %.1f s | %.2f µs | %.1f s | %.1f s | "
                            + "%.2f× | %.2f× | %s | %.1f s | %.1f s | %s |", ub.timed().number(), ub.timed().seconds(),
                    t.dropToReceivedMs() / 1000, t.receivedToFirstClaimMs() / 1000,
                    1000 * t.receivedToFirstClaimMs() / r.rows(), t.sendingMs() / 1000, ub.timed().cpuSeconds(),
                    ub.io().readBytes() / (double) r.fileBytes(), ub.io().writtenBytes() / (double) r.fileBytes(),
                    ResultsReport.f2(ub.timed().loadBefore()), loop.seconds(), loop.cpuSeconds(),
                    ResultsReport.f2(loop.loadBefore())));
        }
        line.accept("");
    }

    private static List<TimedRun> timed(BigFileCase.Result r) {
        List<TimedRun> all = new ArrayList<>();
        r.usageBridge().forEach(run -> all.add(run.timed()));
        all.addAll(r.loop());
        return all;
    }
}
