package io.usagebridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * bench/results/&lt;date&gt;.md: the machine, a summary table (each figure, the reference's from the same run, the
 * ratio, the bar, the load), each case's runs with their load, where UsageBridge's time goes in the
 * small-files case, and the cases not yet measured.
 */
public final class ResultsReport {

    /** Issue 17's cases that this harness does not run yet. */
    static final List<String> NOT_YET_MEASURED = List.of();

    private final StringBuilder md = new StringBuilder();

    private ResultsReport() {
    }

    public record Inputs(BenchSettings settings, Machine machine, String commit, Instant startedAt, double loadAtStart,
            SmallFilesCase.Result smallFiles, List<IntakeTimeline.Summary> timelines,
            FingerprintCase.Result fingerprint, StartupCase.Result start, SoapWireCase.Result soapWire,
            InsightsPutCase.Result insightsPut, AgedLedgerCase.Result agedLedger, BigFileCase.Result bigFile,
            EveryTargetCase.Result everyTarget, List<String> problems) {
    }

    public static Path write(Inputs in) throws IOException {
        ResultsReport report = new ResultsReport();
        report.all(in);
        Files.createDirectories(in.settings().resultsDir());
        Path file = in.settings().resultsDir().resolve(in.startedAt().atOffset(ZoneOffset.UTC).toLocalDate()
                + in.settings().resultsSuffix() + ".md");
        Files.writeString(file, report.md, StandardCharsets.UTF_8);
        return file;
    }

    private void all(Inputs in) {
        line("# Benchmark results, " + in.startedAt().atOffset(ZoneOffset.UTC).toLocalDate());
        line("");
        line("Written by `bench/run.sh` (bench/README.md), started " + in.startedAt().truncatedTo(ChronoUnit.SECONDS)
                + " on commit " + in.commit() + ". Everything over loopback against the sandbox simulators.");
        line("");
        Machine m = in.machine();
        line("**Machine:** " + m.cores() + " cores, " + m.cpuModel() + "; " + m.jdk() + "; " + m.os() + ".");
        line("");
        line("**Load:** one-minute load average " + f2(in.loadAtStart()) + " at the start; every figure carries the "
                + "load just before (→ just after) it was taken. On two shared cores a figure taken above ≈0.5 is "
                + "distorted: such figures are marked *under load*.");
        line("");
        if (in.settings().experiment()) {
            line("**Experiment, not the committed configuration:** app options `"
                    + String.join(" ", in.settings().appOptions()) + "`" + (in.settings().touchBeforeDrop()
                    ? ", files touched just before the drop (the read lock's min-age applies)" : "")
                    + (in.settings().warmupFiles() > 0 ? ", " + in.settings().warmupFiles() + " other files through "
                    + "each UsageBridge app first, untimed (a warmed-up JIT)" : "") + ".");
            line("");
        }
        if (!in.problems().isEmpty()) {
            line("## CHECK FAILED");
            line("");
            line("What the simulator received did not match what was dropped; the figures of those runs mean "
                    + "nothing:");
            line("");
            in.problems().forEach(problem -> line("- " + problem));
            line("");
        }
        summary(in);
        if (in.smallFiles() != null) {
            smallFiles(in.smallFiles(), in.timelines());
        }
        if (in.fingerprint() != null) {
            fingerprint(in.fingerprint());
        }
        if (in.start() != null) {
            start(in.start());
        }
        if (in.soapWire() != null) {
            soapWire(in.soapWire());
        }
        if (in.insightsPut() != null) {
            insightsPut(in.insightsPut());
        }
        if (in.agedLedger() != null) {
            AgedLedgerReport.section(in.agedLedger(), this::line);
        }
        if (in.bigFile() != null) {
            BigFileReport.section(in.bigFile(), this::line);
        }
        if (in.everyTarget() != null) {
            EveryTargetReport.section(in.everyTarget(), this::line);
        }
        if (!NOT_YET_MEASURED.isEmpty() || !skipped(in).isEmpty()) {
            line("## Not yet measured");
            line("");
            NOT_YET_MEASURED.forEach(c -> line("- " + c));
            if (!skipped(in).isEmpty()) {
                line("- (this run skipped: " + String.join(", ", skipped(in)) + ")");
            }
            line("");
        }
    }

    private static List<String> skipped(Inputs in) {
        List<String> skipped = new ArrayList<>();
        if (in.smallFiles() == null) {
            skipped.add("small-files");
        }
        if (in.fingerprint() == null) {
            skipped.add("fingerprint");
        }
        if (in.start() == null) {
            skipped.add("start");
        }
        if (in.soapWire() == null) {
            skipped.add("soap-wire");
        }
        if (in.insightsPut() == null) {
            skipped.add("insights-put");
        }
        if (in.agedLedger() == null) {
            skipped.add("aged-ledger");
        }
        if (in.bigFile() == null) {
            skipped.add("big-file");
        }
        if (in.everyTarget() == null) {
            skipped.add("every-target");
        }
        return skipped;
    }

    private void summary(Inputs in) {
        line("## Summary");
        line("");
        line("| case | UsageBridge | reference, same run | ratio | bar (issue 17) | load |");
        line("|---|---|---|---|---|---|");
        SmallFilesCase.Result a = in.smallFiles();
        if (a != null) {
            List<TimedRun> ub = a.usageBridge().stream().map(SmallFilesCase.UsageBridgeRun::timed).toList();
            double ubSeconds = median(ub, TimedRun::seconds);
            double loopSeconds = median(a.loop(), TimedRun::seconds);
            double ubRate = median(ub, TimedRun::filesPerSecond);
            double loopRate = median(a.loop(), TimedRun::filesPerSecond);
            List<TimedRun> all = new ArrayList<>(ub);
            all.addAll(a.loop());
            line(String.format(Locale.ROOT, "| %,d small 2Checkout files (%,d bytes, %d rows each), inbox → accepted, "
                            + "median of %d | %.1f s, %.1f files/s | shell loop (md5sum, openssl, curl per file): %.1f s, "
                            + "%.1f files/s | **%.2f×** the loop's files/s | ≥ 5× | %s |", a.files(), a.meanFileBytes(),
                    in.settings().rows(), ub.size(), ubSeconds, ubRate, loopSeconds, loopRate, ubRate / loopRate,
                    loadRange(all)));
            double ubCpu = median(ub, TimedRun::cpuMsPerFile);
            double loopCpu = median(a.loop(), TimedRun::cpuMsPerFile);
            line(String.format(Locale.ROOT, "| the same runs, CPU per file (less distorted by other load; the "
                            + "simulator's not counted) | %.1f ms (the app's threads) | %.1f ms (bash, md5sum, openssl, "
                            + "curl, mv) | the loop's ÷ UsageBridge's: **%.2f×** (above 1: UsageBridge needs less) | — | |",
                    ubCpu, loopCpu, loopCpu / ubCpu));
        }
        FingerprintCase.Result b = in.fingerprint();
        if (b != null) {
            double pass = Median.of(b.fingerprintSeconds());
            double md5sum = Median.of(b.md5sumSeconds());
            line(String.format(Locale.ROOT, "| fingerprint %s: copy to a work file + MD5 + SHA-256 + lines "
                            + "(`StreamingFingerprinter.copyAndFingerprint`, JMH, median of %d) | %.2f s | `md5sum`: "
                            + "%.2f s (median of %d) | **%.2f×** md5sum's time | ≤ 1.1× | %s |", size(b.bytes()),
                    b.fingerprintSeconds().size(), pass, md5sum, b.md5sumSeconds().size(), pass / md5sum,
                    loads(Math.max(b.fingerprintLoadBefore(), b.md5sumLoadBefore()),
                            Math.max(b.fingerprintLoadAfter(), b.md5sumLoadAfter()))));
        }
        StartupCase.Result c = in.start();
        if (c != null) {
            double ub = Median.of(c.usageBridge().stream().map(StartupCase.Start::toStartedLine).toList());
            double ready = Median.of(c.usageBridge().stream().map(StartupCase.Start::toReady).toList());
            double minimal = Median.of(c.minimal().stream().map(StartupCase.Start::toStartedLine).toList());
            List<Double> loads = new ArrayList<>();
            c.usageBridge().forEach(s -> loads.add(s.loadBefore()));
            c.minimal().forEach(s -> loads.add(s.loadBefore()));
            line(String.format(Locale.ROOT, "| app start: `java -jar quarkus-run.jar` to Quarkus' started line, "
                            + "median of %d | %.2f s (`/q/health/ready` 200: %.2f s) | minimal Camel Quarkus app "
                            + "(timer → log, bench/minimal-app): %.2f s | **%.2f×** its start time | ≤ 1.5× | %s |",
                    c.usageBridge().size(), ub, ready, minimal, ub / minimal, range(loads)));
            double ubCds = Median.of(c.usageBridgeCds().stream().map(StartupCase.Start::toStartedLine).toList());
            double readyCds = Median.of(c.usageBridgeCds().stream().map(StartupCase.Start::toReady).toList());
            double minimalCds = Median.of(c.minimalCds().stream().map(StartupCase.Start::toStartedLine).toList());
            List<Double> cdsLoads = new ArrayList<>();
            c.usageBridgeCds().forEach(s -> cdsLoads.add(s.loadBefore()));
            c.minimalCds().forEach(s -> cdsLoads.add(s.loadBefore()));
            line(String.format(Locale.ROOT, "| the same with AppCDS (`-XX:SharedArchiveFile`, a dynamic archive "
                            + "from one training start), median of %d | %.2f s (ready: %.2f s) | the minimal app "
                            + "with its own AppCDS archive: %.2f s (without: %.2f s) | **%.2f×** its start time "
                            + "(%.2f× its start without AppCDS) | ≤ 1.5× | %s |",
                    c.usageBridgeCds().size(), ubCds, readyCds, minimalCds, minimal, ubCds / minimalCds,
                    ubCds / minimal, range(cdsLoads)));
        }
        SoapWireCase.Result d = in.soapWire();
        if (d != null) {
            line(String.format(Locale.ROOT, "| Zuora SOAP Import of a %,d-byte file: the create() request's body as "
                            + "the simulator received it | %,d bytes (%s) | the Import file: %,d bytes | **%.4f×** the "
                            + "file's bytes | ≤ 1.01 | (bytes, not timed) |", d.importBytes(),
                    d.createRequestBytes(), d.mtom() ? "MTOM" : "not MTOM", d.importBytes(), d.ratio()));
        }
        InsightsPutCase.Result e = in.insightsPut();
        if (e != null) {
            double ub = Median.of(e.usageBridge().stream().map(InsightsPutCase.Put::mbPerSecond).toList());
            double curl = Median.of(e.curl().stream().map(InsightsPutCase.Put::mbPerSecond).toList());
            List<Double> loads = new ArrayList<>();
            e.usageBridge().forEach(p -> loads.add(p.loadBefore()));
            e.curl().forEach(p -> loads.add(p.loadBefore()));
            line(String.format(Locale.ROOT, "| %,d-byte PUT to the Insights signed URL, timed at the store, "
                            + "median of %d | %.0f MB/s | `curl --upload-file` to the same store: %.0f MB/s | "
                            + "**%.2f×** curl's throughput | ≥ 0.9× | %s |", e.fileBytes(), e.usageBridge().size(), ub,
                    curl, ub / curl, range(loads)));
        }
        if (in.agedLedger() != null) {
            line(AgedLedgerReport.summaryRow(in.agedLedger()));
        }
        if (in.bigFile() != null) {
            line(BigFileReport.summaryRow(in.bigFile()));
        }
        if (in.everyTarget() != null) {
            line(EveryTargetReport.summaryRow(in.everyTarget()));
        }
        line("");
    }

    private void smallFiles(SmallFilesCase.Result a, List<IntakeTimeline.Summary> timelines) {
        line("## a. Small files to 2Checkout");
        line("");
        line("UsageBridge: the packaged app, `-Dquarkus.profile=sandbox` (its `%sandbox.` 2Checkout target, intake "
                + "timings and H2 ledger), only the `twocheckout` target, started on an empty inbox and ready; "
                + "the files moved in with one `mv` (they are older than the read lock's min-age by then); timed to "
                + "the moment the simulator has processed them all and the inbox is empty. The loop: "
                + "`bench/reference/twocheckout-loop.sh` over the same files, each moved to done/ once answered "
                + "`1`. A fresh simulator (and a fresh data folder) for every run; runs alternate.");
        line("");
        line(a.problems().isEmpty()
                ? "**Checked:** in every run the simulator received each file's content (MD5 of the bytes sent: "
                        + "the file itself for the loop, its 2Checkout form for UsageBridge) exactly once, all "
                        + "answered `1`, and nothing else."
                : "**Check failed:** see the top of this file.");
        line("");
        line("| run | UsageBridge | files/s | CPU per file: app (simulator) | load | shell loop | files/s "
                + "| CPU per file: loop and its commands (simulator) | load |");
        line("|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < a.usageBridge().size(); i++) {
            TimedRun ub = a.usageBridge().get(i).timed();
            TimedRun loop = a.loop().get(i);
            line(String.format(Locale.ROOT, "| %d | %.2f s | %.1f | %.1f ms (%.1f ms) | %s | %.2f s | %.1f "
                            + "| %.1f ms (%.1f ms) | %s |", ub.number(), ub.seconds(), ub.filesPerSecond(),
                    ub.cpuMsPerFile(), 1000 * ub.simulatorCpuSeconds() / ub.files(),
                    loads(ub.loadBefore(), ub.loadAfter()), loop.seconds(), loop.filesPerSecond(),
                    loop.cpuMsPerFile(), 1000 * loop.simulatorCpuSeconds() / loop.files(),
                    loads(loop.loadBefore(), loop.loadAfter())));
        }
        line("");
        line("The app's CPU between the drop and the end, by thread (kernel thread names: every Camel thread is "
                + "\"Camel (camel-1)\", the intake's among them):");
        line("");
        for (SmallFilesCase.UsageBridgeRun run : a.usageBridge()) {
            List<String> parts = new ArrayList<>();
            run.appThreadCpu().entrySet().stream().limit(8).forEach(e -> parts.add(String.format(Locale.ROOT,
                    "%s %.1f s", e.getKey(), e.getValue())));
            line(String.format(Locale.ROOT, "- run %d (%.1f ms of CPU per file): %s", run.timed().number(),
                    run.timed().cpuMsPerFile(), String.join(", ", parts)));
        }
        line("");
        if (!timelines.isEmpty()) {
            whereTheTimeGoes(timelines);
        }
    }

    private void whereTheTimeGoes(List<IntakeTimeline.Summary> timelines) {
        line("### Where the time goes (from UsageBridge's log, every run)");
        line("");
        line("Each file's state lines (RECEIVED after the copy and fingerprint, CLAIMED, SENDING, ACCEPTED, DONE) "
                + "against the drop and the end the harness saw. *Between files* is DONE of one file to RECEIVED "
                + "of the next: the original's move to done/, the ledger's intake lock, the read-lock check, the "
                + "next file's copy and fingerprint. With more than one intake thread (`intake.workers`) files "
                + "overlap: Σ RECEIVED → DONE then exceeds the wall time (its share is the average number of files "
                + "in work at once, × 100 %), and *between files* means nothing (—).");
        line("");
        line("| run | wall | drop → first RECEIVED | RECEIVED → DONE per file: median (p90), first 50, 2nd half "
                + "| Σ RECEIVED → DONE | between files: median, Σ | last DONE → end | intake threads |");
        line("|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < timelines.size(); i++) {
            IntakeTimeline.Summary t = timelines.get(i);
            String between = t.threads().size() > 1 ? "—" : String.format(Locale.ROOT, "%.1f ms, %.2f s (%.0f %%)",
                    t.betweenFilesMedianMs(), t.betweenFilesSumS(), 100 * t.betweenFilesSumS() / t.wallS());
            line(String.format(Locale.ROOT, "| %d | %.2f s | %.0f ms | %.1f ms (%.1f), %.1f ms, %.1f ms | %.2f s "
                            + "(%.0f %%) | %s | %.0f ms | %d |", i + 1, t.wallS(),
                    t.firstReceivedAfterDropMs(), t.perFileMedianMs(), t.perFileP90Ms(), t.firstFiftyMedianMs(),
                    t.steadyMedianMs(), t.perFileSumS(), 100 * t.perFileSumS() / t.wallS(), between,
                    t.lastDoneToEndMs(), t.threads().size()));
        }
        line("");
        line("Stages of RECEIVED → DONE, median per file (Σ over the run), run by run:");
        line("");
        StringBuilder header = new StringBuilder("| run |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String stage : timelines.get(0).stageMedianMs().keySet()) {
            header.append(' ').append(stage).append(" |");
            rule.append("---|");
        }
        line(header.toString());
        line(rule.toString());
        for (int i = 0; i < timelines.size(); i++) {
            IntakeTimeline.Summary t = timelines.get(i);
            StringBuilder row = new StringBuilder("| " + (i + 1) + " |");
            for (Map.Entry<String, Double> stage : t.stageMedianMs().entrySet()) {
                row.append(String.format(Locale.ROOT, " %.1f ms (%.2f s) |", stage.getValue(),
                        t.stageSumS().get(stage.getKey())));
            }
            line(row.toString());
        }
        line("");
    }

    private void fingerprint(FingerprintCase.Result b) {
        line("## b. Fingerprint " + size(b.bytes()));
        line("");
        line("`FingerprintBenchmark` (JMH 1.37, single-shot, one fork, " + b.fingerprintSeconds().size()
                + " measured passes after warm-up): `StreamingFingerprinter.copyAndFingerprint` of a generated usage "
                + "CSV to a new work file beside it, as the intake copies. `md5sum` of the same file, timed by the "
                + "harness after one warm-up. The file is in the page cache for both; the pass's MD5 was checked "
                + "against md5sum's (" + b.md5() + ").");
        line("");
        line("| | median | all | load |");
        line("|---|---|---|---|");
        line(String.format(Locale.ROOT, "| copyAndFingerprint | %.3f s | %s | %s |", Median.of(b.fingerprintSeconds()),
                seconds(b.fingerprintSeconds()), loads(b.fingerprintLoadBefore(), b.fingerprintLoadAfter())));
        line(String.format(Locale.ROOT, "| md5sum | %.3f s | %s | %s |", Median.of(b.md5sumSeconds()),
                seconds(b.md5sumSeconds()), loads(b.md5sumLoadBefore(), b.md5sumLoadAfter())));
        line("");
    }

    private void start(StartupCase.Result c) {
        line("## c. App start");
        line("");
        line("From the process start to Quarkus' \"started in\" line (read from the process output as it is "
                + "written), each on a fresh data folder (Flyway creates the ledger, as at a first start); for "
                + "UsageBridge also to `/q/health/ready` answering 200 (polled every 50 ms; it checks the ledger and "
                + "that the 2Checkout simulator accepts a connection). Same JDK, no JVM options but the AppCDS ones, starts alternating. AppCDS: each app started once with "
                + "`-XX:ArchiveClassesAtExit` and stopped (SIGTERM) once ready, the JVM writing the classes it loaded "
                + "to an archive; the timed starts map that archive with `-XX:SharedArchiveFile`.");
        line("");
        line("| run | UsageBridge: started line | ready | load | minimal app: started line | load | UsageBridge "
                + "with AppCDS: started line | ready | minimal app with AppCDS |");
        line("|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < c.usageBridge().size(); i++) {
            StartupCase.Start ub = c.usageBridge().get(i);
            StartupCase.Start minimal = c.minimal().get(i);
            StartupCase.Start ubCds = c.usageBridgeCds().get(i);
            StartupCase.Start minimalCds = c.minimalCds().get(i);
            line(String.format(Locale.ROOT, "| %d | %.2f s | %.2f s | %s | %.2f s | %s | %.2f s | %.2f s | %.2f s |",
                    ub.number(), ub.toStartedLine(), ub.toReady(), f2(ub.loadBefore()), minimal.toStartedLine(),
                    f2(minimal.loadBefore()), ubCds.toStartedLine(), ubCds.toReady(), minimalCds.toStartedLine()));
        }
        line("");
        line("Where the start goes: seconds from the process start to each phase's first log line (a line's time "
                + "is when it was logged, to the millisecond):");
        line("");
        StringBuilder header = new StringBuilder("| start |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String mark : StartTimeline.MARKS.keySet()) {
            header.append(' ').append(mark).append(" |");
            rule.append("---|");
        }
        line(header.toString());
        line(rule.toString());
        Map<String, List<StartupCase.Start>> sides = new LinkedHashMap<>();
        sides.put("UsageBridge ", c.usageBridge());
        sides.put("UsageBridge, AppCDS ", c.usageBridgeCds());
        sides.put("minimal ", c.minimal());
        sides.put("minimal, AppCDS ", c.minimalCds());
        for (Map.Entry<String, List<StartupCase.Start>> side : sides.entrySet()) {
            for (StartupCase.Start start : side.getValue()) {
                StringBuilder row = new StringBuilder("| " + side.getKey() + start.number() + " |");
                for (String mark : StartTimeline.MARKS.keySet()) {
                    Double at = start.phases().get(mark);
                    row.append(at == null ? " — |" : String.format(Locale.ROOT, " %.2f |", at));
                }
                line(row.toString());
            }
        }
        line("");
    }

    private void soapWire(SoapWireCase.Result d) {
        line("## d. Zuora SOAP Import on the wire");
        line("");
        line("`SoapWireCase`: the packaged app with the `zuora` target (Zuora SOAP Import, routes/available/"
                + "target-zuora-soap.camel.yaml; 2Checkout configured beside it, unused) sends a generated usage file of " + String.format(Locale.ROOT,
                "%,d", d.fileBytes()) + " bytes (one Import: under Zuora's 4,194,304-byte limit, so sent as the CSV "
                + "it is, not zipped) to the sandbox's Zuora SOAP simulator, a process of its own. The simulator "
                + "counts the create() request's body as it arrived: MIME framing, the SOAP envelope (login session "
                + "header, the Import object) and the file as a binary XOP part. The HTTP request line and headers "
                + "(a few hundred bytes) are not in the count.");
        line("");
        line(String.format(Locale.ROOT, "| source file | Import file received | create() body | above the file | "
                + "ratio | Import status |"));
        line("|---|---|---|---|---|---|");
        line(String.format(Locale.ROOT, "| %,d bytes | %,d bytes | %,d bytes (%s) | %,d bytes | %.4f× | %s |",
                d.fileBytes(), d.importBytes(), d.createRequestBytes(), d.mtom() ? "MTOM" : "not MTOM",
                d.createRequestBytes() - d.importBytes(), d.ratio(), d.importStatus()));
        line("");
    }

    private void insightsPut(InsightsPutCase.Result e) {
        line("## e. 100 MB PUT to the Insights signed URL");
        line("");
        line("`InsightsPutCase`: the packaged app with the `insights` target (routes/available/target-insights"
                + ".camel.yaml) uploads a batch (billing / 2026-11-30: an account.csv of " + String.format(
                Locale.ROOT, "%,d", e.fileBytes()) + " bytes, just under the Batch API's 100 MB limit, and a "
                + "one-line subscription.ndjson) to the sandbox's Insights simulator, a process of its own; then "
                + "`curl --upload-file` puts the same file to a signed URL of the same store (asked for with `curl "
                + "-u <token>: -X POST … /api/files/upload`, as a script would). Each PUT is timed at the store, "
                + "from the request's arrival to its answer, the body read and stored in between: the same "
                + "clock for both, and UsageBridge's own work before the PUT (checks, the upload-URL call) is not "
                + "in it. A fresh app and data folder per run; runs alternate. **Checked:** the store took the "
                + "whole file (status 200, every byte) in every run, and the batch reached done/.");
        line("");
        line("| run | UsageBridge: PUT at the store | MB/s | load | curl: PUT at the store | MB/s | load |");
        line("|---|---|---|---|---|---|---|");
        for (int i = 0; i < e.usageBridge().size(); i++) {
            InsightsPutCase.Put ub = e.usageBridge().get(i);
            InsightsPutCase.Put curl = e.curl().get(i);
            line(String.format(Locale.ROOT, "| %d | %.2f s | %.0f | %s | %.2f s | %.0f | %s |", ub.run(),
                    ub.seconds(), ub.mbPerSecond(), f2(ub.loadBefore()), curl.seconds(), curl.mbPerSecond(),
                    f2(curl.loadBefore())));
        }
        line("");
    }

    private static double median(List<TimedRun> runs, ToDoubleFunction<TimedRun> value) {
        return Median.of(runs.stream().map(run -> value.applyAsDouble(run)).toList());
    }

    static String loadRange(List<TimedRun> runs) {
        List<Double> loads = new ArrayList<>();
        runs.forEach(run -> {
            loads.add(run.loadBefore());
            loads.add(run.loadAfter());
        });
        return range(loads);
    }

    static String range(List<Double> loads) {
        double low = loads.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double high = loads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return f2(low) + "–" + f2(high) + (high > 0.5 ? " *under load*" : "");
    }

    private static String loads(double before, double after) {
        return f2(before) + " → " + f2(after) + (Math.max(before, after) > 0.5 ? " *under load*" : "");
    }

    private static String seconds(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList());
    }

    private static String size(long bytes) {
        return bytes % (1L << 30) == 0 ? bytes / (1L << 30) + " GiB" : bytes / (1L << 20) + " MiB";
    }

    static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
