package io.usagebridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench command's Java half (bench/run.sh builds, then runs this from the repository root): runs the cases
 * asked for, writes bench/results/&lt;date&gt;.md, and exits 1 when a run's check at the simulator failed.
 */
public final class BenchRun {

    private BenchRun() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args);
        requireFile(settings.appJar());
        requireFile(settings.sandboxJar());
        requireFile(settings.loopScript());
        if (settings.cases().contains("start")) {
            requireFile(settings.minimalAppJar());
        }
        Instant startedAt = Instant.now();
        double loadAtStart = LoadAverage.oneMinute();
        Machine machine = Machine.describe();
        System.out.printf("bench: %d cores, %s, %s; load %.2f%n", machine.cores(), machine.cpuModel(), machine.jdk(),
                loadAtStart);
        if (loadAtStart > 0.5) {
            System.out.println("bench: the load is above 0.5: figures will be distorted (and marked so)");
        }
        SandboxProfile account = SandboxProfile.read(settings.config());
        List<String> problems = new ArrayList<>();

        SmallFilesCase.Result smallFiles = null;
        List<IntakeTimeline.Summary> timelines = new ArrayList<>();
        if (settings.cases().contains("small-files")) {
            smallFiles = new SmallFilesCase(settings, account).run();
            problems.addAll(smallFiles.problems());
            for (SmallFilesCase.UsageBridgeRun run : smallFiles.usageBridge()) {
                timelines.add(IntakeTimeline.read(run.log(), run.dropEpochMillis(), run.endEpochMillis()));
            }
        }
        FingerprintCase.Result fingerprint = settings.cases().contains("fingerprint")
                ? new FingerprintCase(settings).run() : null;
        StartupCase.Result start = settings.cases().contains("start")
                ? new StartupCase(settings, account).run() : null;

        SoapWireCase.Result soapWire = settings.cases().contains("soap-wire")
                ? new SoapWireCase(settings, account).run() : null;
        if (soapWire != null) {
            problems.addAll(soapWire.problems());
        }

        InsightsPutCase.Result insightsPut = settings.cases().contains("insights-put")
                ? new InsightsPutCase(settings, account).run() : null;
        if (insightsPut != null) {
            problems.addAll(insightsPut.problems());
        }

        AgedLedgerCase.Result agedLedger = settings.cases().contains("aged-ledger")
                ? new AgedLedgerCase(settings, account).run() : null;
        if (agedLedger != null) {
            problems.addAll(agedLedger.problems());
        }
        BigFileCase.Result bigFile = settings.cases().contains("big-file")
                ? new BigFileCase(settings, account).run() : null;
        if (bigFile != null) {
            problems.addAll(bigFile.problems());
        }
        EveryTargetCase.Result everyTarget = settings.cases().contains("every-target")
                ? new EveryTargetCase(settings).run() : null;
        if (everyTarget != null) {
            problems.addAll(everyTarget.problems());
        }

        Path results = ResultsReport.write(new ResultsReport.Inputs(settings, machine, commit(settings.repoRoot()),
                startedAt, loadAtStart, smallFiles, timelines, fingerprint, start, soapWire, insightsPut, agedLedger,
                bigFile, everyTarget, problems));
        System.out.println("bench: results written to " + settings.repoRoot().relativize(results));
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("bench: CHECK FAILED: " + problem));
            System.exit(1);
        }
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build first (bench/run.sh does)");
        }
    }

    /** The commit measured, with "+ local changes" when the tree differs from it. */
    private static String commit(Path repo) {
        try {
            String head = git(repo, "rev-parse", "--short", "HEAD").trim();
            String dirty = git(repo, "status", "--porcelain", "--untracked-files=no").trim();
            return "`" + head + "`" + (dirty.isEmpty() ? "" : " + local changes");
        } catch (IOException | InterruptedException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = git.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (git.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + ": " + out.trim());
        }
        return out;
    }
}
