package io.usagebridge.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Case: one large 2Checkout file, inbox to accepted. UsageBridge reads it, checks and shapes every row to the
 * target's contract and cuts it to the target's limits (a chunk per 50,000 rows), then sends the chunks; the
 * reference is the shell loop of case a on a folder holding only this file (md5sum, openssl, one curl of the whole
 * file). Each side against a fresh simulator, runs alternating. Checked at the simulator: UsageBridge's chunks each
 * once with the bytes worked out here ({@link BigUsageFile}), the loop's one upload with the file's MD5, all
 * accepted.
 */
public final class BigFileCase {

    static final String FILE_NAME = "usage-big.csv";
    private static final long RUN_TIMEOUT_S = 3600;
    private static final long SETTLE_MS = 1000;

    /**
     * A UsageBridge run, where its time went, and what the app read and wrote from the drop to the end (files and
     * sockets: the file's reads end to end, its work copy and chunks, the uploads).
     */
    public record UsageBridgeRun(TimedRun timed, BigFileTimeline timeline, ProcIo io) {
    }

    public record Result(long fileBytes, long rows, int chunks, List<UsageBridgeRun> usageBridge,
            List<TimedRun> loop, List<String> problems) {
        public double ratio() {
            return Median.of(usageBridge.stream().map(run -> run.timed().seconds()).toList())
                    / Median.of(loop.stream().map(TimedRun::seconds).toList());
        }
    }

    private final BenchSettings settings;
    private final SandboxProfile account;

    public BigFileCase(BenchSettings settings, SandboxProfile account) {
        this.settings = settings;
        this.account = account;
    }

    public Result run() throws IOException, InterruptedException {
        Path caseDir = settings.workDir().resolve("big-file");
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(settings.config(), StandardCharsets.UTF_8)) {
            config.load(in);
        }
        BigUsageFile file = BigUsageFile.write(caseDir.resolve("source").resolve(FILE_NAME),
                settings.bigFileMiB() * 1024L * 1024L,
                Long.parseLong(config.getProperty("target.twocheckout.max-chunk-rows").trim()),
                Long.parseLong(config.getProperty("target.twocheckout.max-chunk-bytes").trim()));
        System.out.printf("bench: big-file: %s, %d bytes, %d rows, %d chunks expected%n", file.file(), file.bytes(),
                file.rows(), file.chunks().size());
        List<UsageBridgeRun> usageBridge = new ArrayList<>();
        List<TimedRun> loop = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int n = 1; n <= settings.bigFileRuns(); n++) {
            usageBridge.add(usageBridge(n, file, caseDir.resolve("usagebridge-" + n), problems));
            loop.add(loop(n, file, caseDir.resolve("loop-" + n), problems));
        }
        return new Result(file.bytes(), file.rows(), file.chunks().size(), usageBridge, loop, problems);
    }

    private UsageBridgeRun usageBridge(int n, BigUsageFile file, Path root, List<String> problems)
            throws IOException, InterruptedException {
        RunDirs dirs = RunDirs.fresh(root);
        // a hard link: the app moves its original to done/, the generated file stays for the next run
        Files.createLink(dirs.stage().resolve(FILE_NAME), file.file());
        try (TwoCheckoutSimulatorProcess simulator = TwoCheckoutSimulatorProcess.start(settings.sandboxJar(),
                account, root.resolve("simulator.log"));
             UsageBridgeProcess app = UsageBridgeProcess.start(settings.repoRoot(), settings.appJar(), simulator.url(),
                     dirs, settings.appOptions())) {
            app.awaitReady();
            double loadBefore = LoadAverage.oneMinute();
            double appCpu = app.cpuSeconds();
            double simulatorCpu = simulator.cpuSeconds();
            ProcIo ioBefore = app.io();
            long dropEpoch = System.currentTimeMillis();
            long start = InboxDrop.moveStagedIn(dirs);
            long end = InboxDrop.awaitAllProcessed(simulator, dirs, file.chunks().size(), app, RUN_TIMEOUT_S);
            ProcIo io = app.io().since(ioBefore);
            TimedRun timed = new TimedRun(n, (end - start) / 1e9, 1, loadBefore, LoadAverage.oneMinute(),
                    app.cpuSeconds() - appCpu, simulator.cpuSeconds() - simulatorCpu);
            Thread.sleep(SETTLE_MS);
            DeliveryCheck.problems(file.chunks(), UsageFile::wireMd5, simulator.uploads())
                    .forEach(problem -> problems.add("big-file: UsageBridge run " + n + ": " + problem));
            BigFileTimeline timeline = BigFileTimeline.read(app.log(), FILE_NAME, dropEpoch);
            System.out.printf("bench: big-file: UsageBridge run %d: %.1f s (%.2f µs per row), CPU %.1f s; drop -> "
                    + "RECEIVED %.1f s, RECEIVED -> first CLAIMED %.1f s (%.2f µs per row), sends %.1f s (load %.2f "
                    + "-> %.2f)%n", n, timed.seconds(), 1e6 * timed.seconds() / file.rows(), timed.cpuSeconds(),
                    timeline.dropToReceivedMs() / 1000, timeline.receivedToFirstClaimMs() / 1000,
                    1000 * timeline.receivedToFirstClaimMs() / file.rows(), timeline.sendingMs() / 1000,
                    timed.loadBefore(), timed.loadAfter());
            System.out.printf("bench: big-file: the app read %.2f× and wrote %.2f× the file's bytes%n",
                    io.readBytes() / (double) file.bytes(), io.writtenBytes() / (double) file.bytes());
            return new UsageBridgeRun(timed, timeline, io);
        }
    }

    private TimedRun loop(int n, BigUsageFile file, Path root, List<String> problems)
            throws IOException, InterruptedException {
        RunDirs dirs = RunDirs.fresh(root);
        Files.createLink(dirs.inbox().resolve(FILE_NAME), file.file());
        try (TwoCheckoutSimulatorProcess simulator = TwoCheckoutSimulatorProcess.start(settings.sandboxJar(),
                account, root.resolve("simulator.log"))) {
            TimedRun timed = ReferenceLoop.run(settings, account, simulator, dirs, root, n, 1, RUN_TIMEOUT_S,
                    problems);
            Thread.sleep(SETTLE_MS);
            DeliveryCheck.problems(List.of(file.whole()), UsageFile::sourceMd5, simulator.uploads())
                    .forEach(problem -> problems.add("big-file: shell loop run " + n + ": " + problem));
            System.out.printf("bench: big-file: shell loop run %d: %.1f s, CPU %.1f s (load %.2f -> %.2f)%n", n,
                    timed.seconds(), timed.cpuSeconds(), timed.loadBefore(), timed.loadAfter());
            return timed;
        }
    }
}
