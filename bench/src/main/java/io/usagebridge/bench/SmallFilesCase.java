package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Case a: many small 2Checkout files, inbox to accepted, UsageBridge against the reference shell loop, each against a
 * fresh simulator. UsageBridge is timed from one {@code mv} of every file into the inbox of an app already started
 * (and ready) on an empty inbox, to the moment the simulator has processed them all and the inbox is empty; the loop
 * from its start to its end. Runs alternate (UsageBridge, loop, UsageBridge, ...) so a change of load falls on both.
 * Every run is checked at the simulator: each file's content once, accepted, nothing else.
 */
public final class SmallFilesCase {

    /** A late duplicate would show within this after the end. */
    private static final long SETTLE_MS = 1000;
    private static final long RUN_TIMEOUT_S = 900;

    /** A UsageBridge run, with the app's CPU seconds by thread group between the drop and the end. */
    public record UsageBridgeRun(TimedRun timed, Path log, long dropEpochMillis, long endEpochMillis,
            Map<String, Double> appThreadCpu) {
    }

    public record Result(int files, long meanFileBytes, List<UsageBridgeRun> usageBridge, List<TimedRun> loop,
            List<String> problems) {
    }

    private final BenchSettings settings;
    private final SandboxProfile account;

    public SmallFilesCase(BenchSettings settings, SandboxProfile account) {
        this.settings = settings;
        this.account = account;
    }

    public Result run() throws IOException, InterruptedException {
        Path caseDir = settings.workDir().resolve("small-files");
        Path source = caseDir.resolve("source");
        Tree.delete(source);
        List<UsageFile> files = UsageFileSet.write(source, 1, settings.files(), settings.rows());
        Path warmupSource = caseDir.resolve("warmup-source");
        Tree.delete(warmupSource);
        List<UsageFile> warmup = settings.warmupFiles() == 0 ? List.of()
                : UsageFileSet.write(warmupSource, settings.files() + 1, settings.warmupFiles(), settings.rows());
        long meanBytes = files.stream().mapToLong(UsageFile::bytes).sum() / files.size();
        System.out.printf("bench: small-files: %d files of %d rows (%d bytes on average) in %s%n", files.size(),
                settings.rows(), meanBytes, source);
        List<UsageBridgeRun> usageBridge = new ArrayList<>();
        List<TimedRun> loop = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int n = 1; n <= settings.runs(); n++) {
            UsageBridgeRun ub = usageBridge(n, files, source, warmup, warmupSource,
                    caseDir.resolve("usagebridge-" + n), problems);
            usageBridge.add(ub);
            print("UsageBridge", ub.timed());
            TimedRun reference = loop(n, files, source, caseDir.resolve("loop-" + n), problems);
            loop.add(reference);
            print("shell loop", reference);
        }
        return new Result(files.size(), meanBytes, usageBridge, loop, problems);
    }

    private UsageBridgeRun usageBridge(int n, List<UsageFile> files, Path source, List<UsageFile> warmup,
            Path warmupSource, Path root, List<String> problems) throws IOException, InterruptedException {
        RunDirs dirs = RunDirs.fresh(root);
        Tree.copyFiles(source, dirs.stage());
        List<UsageFile> expected = new ArrayList<>(warmup);
        expected.addAll(files);
        try (TwoCheckoutSimulatorProcess simulator = TwoCheckoutSimulatorProcess.start(settings.sandboxJar(),
                account, root.resolve("simulator.log"));
             UsageBridgeProcess app = UsageBridgeProcess.start(settings.repoRoot(), settings.appJar(), simulator.url(),
                     dirs, settings.appOptions())) {
            app.awaitStarted();
            app.awaitReady();
            if (!warmup.isEmpty()) {
                // an experiment: a batch of other files first, untimed, so the timed batch meets a warmed-up JIT
                Tree.copyFiles(warmupSource, dirs.inbox());
                InboxDrop.awaitAllProcessed(simulator, dirs, warmup.size(), app, RUN_TIMEOUT_S);
            }
            if (settings.touchBeforeDrop()) {
                // an export written just now: the read lock's min-age applies (mv keeps the modification time)
                int touched = new ProcessBuilder("bash", "-c", "touch -- \"$1\"/*.csv", "touch",
                        dirs.stage().toString()).inheritIO().start().waitFor();
                if (touched != 0) {
                    throw new IllegalStateException("touch of the staged files failed with " + touched);
                }
            }
            double loadBefore = LoadAverage.oneMinute();
            double appCpu = app.cpuSeconds();
            Map<String, Double> threadsBefore = app.threadCpu();
            double simulatorCpu = simulator.cpuSeconds();
            long dropEpoch = System.currentTimeMillis();
            long start = InboxDrop.moveStagedIn(dirs);
            long end = InboxDrop.awaitAllProcessed(simulator, dirs, expected.size(), app, RUN_TIMEOUT_S);
            long endEpoch = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - end);
            appCpu = app.cpuSeconds() - appCpu;
            Map<String, Double> threadCpu = ThreadCpu.used(threadsBefore, app.threadCpu());
            simulatorCpu = simulator.cpuSeconds() - simulatorCpu;
            double loadAfter = LoadAverage.oneMinute();
            Thread.sleep(SETTLE_MS);
            List<String> found = DeliveryCheck.problems(expected, UsageFile::wireMd5, simulator.uploads());
            found.forEach(problem -> problems.add("UsageBridge run " + n + ": " + problem));
            return new UsageBridgeRun(new TimedRun(n, (end - start) / 1e9, files.size(), loadBefore, loadAfter,
                    appCpu, simulatorCpu), app.log(), dropEpoch, endEpoch, threadCpu);
        }
    }

    private TimedRun loop(int n, List<UsageFile> files, Path source, Path root, List<String> problems)
            throws IOException, InterruptedException {
        RunDirs dirs = RunDirs.fresh(root);
        Tree.copyFiles(source, dirs.inbox());
        try (TwoCheckoutSimulatorProcess simulator = TwoCheckoutSimulatorProcess.start(settings.sandboxJar(),
                account, root.resolve("simulator.log"))) {
            TimedRun timed = ReferenceLoop.run(settings, account, simulator, dirs, root, n, files.size(),
                    RUN_TIMEOUT_S, problems);
            Thread.sleep(SETTLE_MS);
            List<String> found = DeliveryCheck.problems(files, UsageFile::sourceMd5, simulator.uploads());
            found.forEach(problem -> problems.add("shell loop run " + n + ": " + problem));
            return timed;
        }
    }

    private static void print(String side, TimedRun run) {
        System.out.printf("bench: small-files: %s run %d: %.2f s, %.1f files/s, %.1f ms CPU per file (load %.2f -> "
                + "%.2f)%n", side, run.number(), run.seconds(), run.filesPerSecond(), run.cpuMsPerFile(),
                run.loadBefore(), run.loadAfter());
    }
}
