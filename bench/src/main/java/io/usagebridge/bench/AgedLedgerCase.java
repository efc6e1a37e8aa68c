package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Case: does the ledger slow as it ages? The same batch of small 2Checkout files (case a's kind, more of them) goes
 * through the packaged app twice: once on an empty ledger, once on a ledger already holding a year of past
 * deliveries ({@link AgedLedger}), each against a fresh simulator. Both apps have started once before the timed
 * start (the first start creates the schema; the aged side's past is written between the two), so the sides differ
 * in the ledger's age only. Timed and checked as case a: one {@code mv}, to the simulator having processed every
 * file, each content once and accepted.
 */
public final class AgedLedgerCase {

    private static final long RUN_TIMEOUT_S = 3600;
    private static final long SETTLE_MS = 1000;

    /** One side's run: the past deliveries its ledger held, how long writing them took, the ledger's size. */
    public record Side(String ledger, int pastDeliveries, double seedSeconds, long ledgerBytesBefore,
            long ledgerBytesAfter, TimedRun timed) {
    }

    public record Result(int files, List<Side> empty, List<Side> aged, List<String> problems) {
        public double ratio() {
            return Median.of(aged.stream().map(side -> side.timed().filesPerSecond()).toList())
                    / Median.of(empty.stream().map(side -> side.timed().filesPerSecond()).toList());
        }
    }

    private final BenchSettings settings;
    private final SandboxProfile account;

    public AgedLedgerCase(BenchSettings settings, SandboxProfile account) {
        this.settings = settings;
        this.account = account;
    }

    public Result run() throws IOException, InterruptedException, SQLException {
        Path caseDir = settings.workDir().resolve("aged-ledger");
        Path source = caseDir.resolve("source");
        Tree.delete(source);
        List<UsageFile> files = UsageFileSet.write(source, 1, settings.agedFiles(), settings.rows());
        System.out.printf("bench: aged-ledger: %d files of %d rows in %s; the aged ledger holds %d past deliveries%n",
                files.size(), settings.rows(), source, settings.agedDeliveries());
        List<Side> empty = new ArrayList<>();
        List<Side> aged = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int n = 1; n <= settings.agedRuns(); n++) {
            empty.add(side("empty", 0, n, files, source, caseDir, problems));
            aged.add(side("aged", settings.agedDeliveries(), n, files, source, caseDir, problems));
        }
        return new Result(files.size(), empty, aged, problems);
    }

    private Side side(String label, int past, int n, List<UsageFile> files, Path source, Path caseDir,
            List<String> problems) throws IOException, InterruptedException, SQLException {
        Path root = caseDir.resolve(label + "-" + n);
        RunDirs dirs = RunDirs.fresh(root);
        Tree.copyFiles(source, dirs.stage());
        try (TwoCheckoutSimulatorProcess simulator = TwoCheckoutSimulatorProcess.start(settings.sandboxJar(),
                account, root.resolve("simulator.log"))) {
            // the first start creates the schema (Flyway), as an installation's first day did
            try (UsageBridgeProcess first = UsageBridgeProcess.start(settings.repoRoot(), settings.appJar(),
                    simulator.url(), dirs, settings.appOptions(), "first-start.log")) {
                first.awaitReady();
            }
            double seedSeconds = past == 0 ? 0 : AgedLedger.seed(dirs, past);
            long ledgerBefore = bytes(dirs.ledger());
            if (past > 0) {
                System.out.printf("bench: aged-ledger: %d past deliveries written in %.1f s (ledger %d MB)%n", past,
                        seedSeconds, ledgerBefore / 1_000_000);
            }
            try (UsageBridgeProcess app = UsageBridgeProcess.start(settings.repoRoot(), settings.appJar(),
                    simulator.url(), dirs, settings.appOptions(), "app.log")) {
                app.awaitReady();
                double loadBefore = LoadAverage.oneMinute();
                double appCpu = app.cpuSeconds();
                double simulatorCpu = simulator.cpuSeconds();
                long start = InboxDrop.moveStagedIn(dirs);
                long end = InboxDrop.awaitAllProcessed(simulator, dirs, files.size(), app, RUN_TIMEOUT_S);
                TimedRun timed = new TimedRun(n, (end - start) / 1e9, files.size(), loadBefore,
                        LoadAverage.oneMinute(), app.cpuSeconds() - appCpu, simulator.cpuSeconds() - simulatorCpu);
                Thread.sleep(SETTLE_MS);
                DeliveryCheck.problems(files, UsageFile::wireMd5, simulator.uploads())
                        .forEach(problem -> problems.add("aged-ledger: " + label + " run " + n + ": " + problem));
                System.out.printf("bench: aged-ledger: %s ledger run %d: %.1f s, %.1f files/s, %.1f ms CPU per file "
                        + "(load %.2f -> %.2f)%n", label, n, timed.seconds(), timed.filesPerSecond(),
                        timed.cpuMsPerFile(), timed.loadBefore(), timed.loadAfter());
                return new Side(label, past, seedSeconds, ledgerBefore, bytes(dirs.ledger()), timed);
            }
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long sum = 0;
            for (Path file : files.toList()) {
                sum += Files.size(file);
            }
            return sum;
        }
    }
}
