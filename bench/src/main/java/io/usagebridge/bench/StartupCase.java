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
 */
public final class StartupCase {

    /** One start; {@code phases}: seconds from the process start to each phase's first log line. */
    public record Start(int number, double toStartedLine, double toReady, double loadBefore,
            Map<String, Double> phases) {
    }

    public record Result(List<Start> usageBridge, List<Start> minimal) {
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
        try (TwoCheckoutSimulatorProcess simulator = TwoCheckoutSimulatorProcess.start(settings.sandboxJar(),
                account.merchant(), account.secretKey(), caseDir.resolve("simulator.log"))) {
            for (int n = 1; n <= settings.runs(); n++) {
                usageBridge.add(usageBridge(n, simulator, RunDirs.fresh(caseDir.resolve("usagebridge-" + n))));
                minimal.add(minimal(n, caseDir.resolve("minimal-" + n + ".log")));
            }
        }
        return new Result(usageBridge, minimal);
    }

    private Start usageBridge(int n, TwoCheckoutSimulatorProcess simulator, RunDirs dirs)
            throws IOException, InterruptedException {
        double load = LoadAverage.oneMinute();
        try (UsageBridgeProcess app = UsageBridgeProcess.start(settings.repoRoot(), settings.appJar(),
                simulator.url(), dirs, List.of())) {
            double started = app.awaitStarted();
            double ready = app.awaitReady();
            Map<String, Double> phases = StartTimeline.read(app.log(), app.startedEpochMillis());
            System.out.printf("bench: start: UsageBridge run %d: started line %.2f s, ready %.2f s (load %.2f)%n", n,
                    started, ready, load);
            return new Start(n, started, ready, load, phases);
        }
    }

    /** From its own folder: the repository root's config/application.properties is UsageBridge's. */
    private Start minimal(int n, Path log) throws IOException, InterruptedException {
        double load = LoadAverage.oneMinute();
        List<String> command = List.of(Java.binary(), "-jar", settings.minimalAppJar().toString());
        try (ChildProcess app = ChildProcess.start(command, settings.minimalAppDir(), log,
                UsageBridgeProcess.STARTED)) {
            double started = app.awaitLine(180);
            System.out.printf("bench: start: minimal app run %d: started line %.2f s (load %.2f)%n", n, started,
                    load);
            return new Start(n, started, Double.NaN, load,
                    StartTimeline.read(log, app.startedEpochMillis()));
        }
    }
}
