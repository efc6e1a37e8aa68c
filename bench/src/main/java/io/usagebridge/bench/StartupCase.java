package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Case c: app start. From {@code java -jar quarkus-run.jar} to Quarkus' started line (and, for UsageBridge, to
 * {@code /q/health/ready} answering 200), each start on a fresh data folder (so Flyway builds the ledger, as at a
 * first start), against the minimal Camel Quarkus app (timer to log, bench/minimal-app) to its started line. Starts
 * alternate between the two; a 2Checkout simulator runs throughout, since readiness checks the target is reachable.
 * Each side also starts with AppCDS: a dynamic class-data archive written at the exit of one training start
 * ({@code -XX:ArchiveClassesAtExit}), then used by every timed start ({@code -XX:SharedArchiveFile}).
 */
public final class StartupCase {

    /** One start; {@code phases}: seconds from the process start to each phase's first log line. */
    public record Start(int number, double toStartedLine, double toReady, double loadBefore,
            Map<String, Double> phases) {
    }

    public record Result(List<Start> usageBridge, List<Start> minimal, List<Start> usageBridgeCds,
            List<Start> minimalCds) {
    }

    private final BenchSettings settings;
    private final SandboxProfile account;

    public StartupCase(BenchSettings settings, SandboxProfile account) {
        this.settings = settings;
        this.account = account;
    }

    public Result run() throws IOException, InterruptedException {
        Path caseDir = settings.workDir().resolve("start");
        List<Start> usageBridge = new ArrayList<>();
        List<Start> minimal = new ArrayList<>();
        List<Start> usageBridgeCds = new ArrayList<>();
        List<Start> minimalCds = new ArrayList<>();
        Path appArchive = caseDir.resolve("usagebridge.jsa").toAbsolutePath();
        Path minimalArchive = caseDir.resolve("minimal.jsa").toAbsolutePath();
        try (TwoCheckoutSimulatorProcess simulator = TwoCheckoutSimulatorProcess.start(settings.sandboxJar(),
                account, caseDir.resolve("simulator.log"))) {
            usageBridge(0, simulator, RunDirs.fresh(caseDir.resolve("usagebridge-training")),
                    List.of("-XX:ArchiveClassesAtExit=" + appArchive), "AppCDS training");
            minimal(0, caseDir.resolve("minimal-training.log"), List.of("-XX:ArchiveClassesAtExit=" + minimalArchive),
                    "AppCDS training");
            for (int n = 1; n <= settings.runs(); n++) {
                usageBridge.add(usageBridge(n, simulator, RunDirs.fresh(caseDir.resolve("usagebridge-" + n)),
                        List.of(), ""));
                minimal.add(minimal(n, caseDir.resolve("minimal-" + n + ".log"), List.of(), ""));
                usageBridgeCds.add(usageBridge(n, simulator, RunDirs.fresh(caseDir.resolve("usagebridge-cds-" + n)),
                        List.of("-XX:SharedArchiveFile=" + appArchive), "AppCDS"));
                minimalCds.add(minimal(n, caseDir.resolve("minimal-cds-" + n + ".log"),
                        List.of("-XX:SharedArchiveFile=" + minimalArchive), "AppCDS"));
            }
        }
        return new Result(usageBridge, minimal, usageBridgeCds, minimalCds);
    }

    private Start usageBridge(int n, TwoCheckoutSimulatorProcess simulator, RunDirs dirs, List<String> jvmOptions,
            String variant) throws IOException, InterruptedException {
        double load = LoadAverage.oneMinute();
        try (UsageBridgeProcess app = UsageBridgeProcess.start(settings.repoRoot(), settings.appJar(),
                simulator.url(), dirs, jvmOptions)) {
            double started = app.awaitStarted();
            double ready = app.awaitReady();
            Map<String, Double> phases = StartTimeline.read(app.log(), app.startedEpochMillis());
            System.out.printf("bench: start: UsageBridge %s run %d: started line %.2f s, ready %.2f s (load %.2f)%n",
                    variant, n, started, ready, load);
            return new Start(n, started, ready, load, phases);
        }
    }

    /** From its own folder: the repository root's config/application.properties is UsageBridge's. */
    private Start minimal(int n, Path log, List<String> jvmOptions, String variant)
            throws IOException, InterruptedException {
        double load = LoadAverage.oneMinute();
        List<String> command = new ArrayList<>(List.of(Java.binary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", settings.minimalAppJar().toString()));
        try (ChildProcess app = ChildProcess.start(command, settings.minimalAppDir(), log,
                UsageBridgeProcess.STARTED)) {
            double started = app.awaitLine(180);
            System.out.printf("bench: start: minimal app %s run %d: started line %.2f s (load %.2f)%n", variant, n,
                    started, load);
            return new Start(n, started, Double.NaN, load,
                    StartTimeline.read(log, app.startedEpochMillis()));
        }
    }
}
