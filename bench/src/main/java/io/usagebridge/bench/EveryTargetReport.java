package io.usagebridge.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Case g (every-target) in the results: its summary row and its section. */
final class EveryTargetReport {

    private EveryTargetReport() {
    }

    static String summaryRow(EveryTargetCase.Result g) {
        long done = g.targets().stream().filter(t -> t.endedIn().equals("done/")).count();
        return String.format(Locale.ROOT, "| 100 MB through every target (%d files of ≈100 MiB, one per sandbox "
                        + "target, at once) with `%s` | %s, %d of %d files in done/; peak heap in use %s (live after "
                        + "a GC: %s), peak RSS %s | — | — | no OutOfMemoryError; peak heap and RSS reported | %s |",
                g.targets().size(), EveryTargetCase.MAX_HEAP, g.outOfMemory() ? "**OutOfMemoryError**"
                        : "no OutOfMemoryError", done, g.targets().size(), mib(g.heap().peakUsedBytes()),
                mib(g.heap().peakLiveBytes()), mib(g.peakRssKiB() << 10), loads(g));
    }

    static void section(EveryTargetCase.Result g, Consumer<String> line) {
        line.accept("## h. 100 MB through every target at -Xmx128m");
        line.accept("");
        line.accept("`EveryTargetCase`: one generated file of about 100 MiB per target of the sandbox profile, in "
                + "that target's inbox folder and the format of its example in examples/inbox/ (the example's rows "
                + "repeated, a running number in an id or a description so no two rows are alike; the Insights "
                + "account file just under the Batch API's 100 MB limit, in a batch with a one-line "
                + "subscription.ndjson), all six through one sandbox run as README runs it (`SandboxRun`: the "
                + "simulators in its JVM, then the packaged app as a process of its own with "
                + "`-Dquarkus.profile=sandbox`), `-Dsandbox.app-options` giving the app `" + options(g) + "`, its "
                + "folders below the case's and an idle exit after 15 s instead of 5. The six files are in the "
                + "inbox before the app starts (the folder intake takes four at a time, `intake.workers`; the "
                + "Insights batch has an intake of its own). Peak RSS is the kernel's high-water mark (VmHWM in "
                + "/proc/<pid>/status, read every 200 ms until the app exits); the heap figures are from the app's "
                + "GC log.");
        line.accept("");
        line.accept(g.problems().isEmpty()
                ? "**Checked:** no OutOfMemoryError in the app's output or a failed file's sidecar; the sandbox run "
                        + "exited 0; every file in done/ and DONE in the app's summary; at each simulator "
                        + "(`/__sandbox/state`, and for 2Checkout and the HTTP receiver the uploads it kept) every "
                        + "request accepted and the file's rows arrived, no more, no fewer (the Insights file byte "
                        + "for byte, by its MD5)."
                : "**Check failed:** see the top of this file.");
        line.accept("");
        line.accept("| app JVM | heap in use, at most (before a GC) | live after a GC, at most | heap committed, at "
                + "most | GC pauses (longest) | peak RSS | OutOfMemoryError | app start → last file's end | app "
                + "start → exit (15 s idle wait) | load |");
        line.accept("|---|---|---|---|---|---|---|---|---|---|");
        GcLog heap = g.heap();
        line.accept(String.format(Locale.ROOT, "| `%s` | %s | %s | %s | %d (%.0f ms) | %s | %s | %.1f s | %.1f s "
                        + "| %s |", options(g),
                mib(heap.peakUsedBytes()), mib(heap.peakLiveBytes()), mib(heap.peakCommittedBytes()), heap.pauses(),
                heap.longestPauseMs(), mib(g.peakRssKiB() << 10), g.outOfMemory() ? "**yes**" : "none",
                g.lastFileSeconds(), g.appSeconds(), loads(g)));
        line.accept("");
        line.accept("The committed figure counts the start too: the JVM's initial heap (1/64 of the machine's "
                + "memory) is capped at -Xmx, G1 shrinks the heap once the app is up and grows it again under load. "
                + "What the files hold is the live figure; the rest of \"in use\" is young garbage, collected as "
                + "it fills.");
        line.accept("");
        line.accept("| target | file (below the inbox) | bytes | rows | at the simulator | their bytes | rows "
                + "received | ended after (app start) | the app's summary row |");
        line.accept("|---|---|---|---|---|---|---|---|---|");
        for (EveryTargetCase.TargetRun t : g.targets()) {
            SimulatorReceipts.Receipt r = t.receipt();
            line.accept(String.format(Locale.ROOT, "| %s | `%s` | %,d | %,d | %s | %s | %s | %s | %s |",
                    t.file().target(), t.file().path(), t.file().bytes(), t.file().rows(),
                    r == null ? "(state not read)" : r.requests(), r == null ? "—" : String.format(Locale.ROOT,
                            "%,d", r.bytes()), r == null || r.rows() < 0 ? "—" : String.format(Locale.ROOT, "%,d",
                            r.rows()), Double.isNaN(t.doneAfterSeconds()) ? t.endedIn()
                            : String.format(Locale.ROOT, "%.1f s, %s", t.doneAfterSeconds(), t.endedIn()),
                    t.summaryRow().replace("|", "\\|")));
        }
        line.accept("");
        line.accept("Bytes at the simulator: 2Checkout's chunks carry a header each and its dates rewritten "
                + "(`yyyy-MM-dd HH:mm:ss`, +02:00); Zuora REST usage goes in chunks under its 4 MiB limit, a header "
                + "each; the Zuora SOAP Imports are zipped (over 4,194,304 bytes a file is zipped, then split on "
                + "rows); the mass action, the Insights file and the HTTP multipart upload have no such limit here.");
        line.accept("");
    }

    /** The app's memory options, the GC log by its name only. */
    private static String options(EveryTargetCase.Result g) {
        return String.join(" ", g.memoryOptions()).replaceAll("file=\\S*/", "file=");
    }

    private static String loads(EveryTargetCase.Result g) {
        return ResultsReport.range(List.of(g.loadBefore(), g.loadAfter()));
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "—" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
