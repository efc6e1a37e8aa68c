package io.usagebridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Case g: 100 MB through every target with {@code -Xmx128m}. One ≈100 MiB file per sandbox target (2Checkout, Zuora
 * REST usage, a Zuora mass action, Zuora SOAP Import, an Insights batch, the HTTP multipart receiver), all in the
 * inbox at once, through the sandbox run as README runs it ({@code SandboxRun}: every simulator, then the packaged
 * app with {@code -Dquarkus.profile=sandbox}), the app given a 128 MiB heap. The bar is that nothing runs out of
 * memory: a file streams through the intake, the chunker and the send, it is never held whole. Measured: the app's
 * peak heap (its GC log) and peak RSS (VmHWM), the time to each file's end; checked: each file in done/ and its
 * rows at its simulator.
 */
public final class EveryTargetCase {

    /** The app's heap: a 100 MB file must pass through less than it. */
    static final String MAX_HEAP = "-Xmx128m";
    /** Files done or failed, the simulators' state is read within this idle wait, before the app exits. */
    private static final int EXIT_WHEN_IDLE_SECONDS = 15;
    private static final long RUN_TIMEOUT_SECONDS = 1800;

    /**
     * One target's file and how it ended: where it went below the inbox, its size and rows, what its simulator
     * received, seconds from the app's start to the file in done/ (NaN when it never got there), the folder it
     * ended in, and the app's summary row for it.
     */
    public record TargetRun(EveryTargetFiles.InputFile file, SimulatorReceipts.Receipt receipt, double doneAfterSeconds,
            String endedIn, String summaryRow) {
    }

    /**
     * The run: the app's JVM options (the heap ones), its peak RSS and GC figures, whether an OutOfMemoryError was
     * printed, the sandbox run's exit code (the app's), seconds from the app's start to the last file's end and to
     * its exit, the whole sandbox run's seconds (writing the copies into its inbox included), the load.
     */
    public record Result(List<TargetRun> targets, List<String> memoryOptions, long peakRssKiB, GcLog heap,
            boolean outOfMemory, int exitCode, double lastFileSeconds, double appSeconds, double sandboxSeconds,
            double loadBefore, double loadAfter, List<String> problems) {
    }

    private final BenchSettings settings;

    public EveryTargetCase(BenchSettings settings) {
        this.settings = settings;
    }

    public Result run() throws IOException, InterruptedException {
        Path caseDir = settings.workDir().resolve("every-target");
        Tree.delete(caseDir);
        // the sandbox run's example inbox: it copies these into its inbox, as it copies examples/inbox/
        Path examples = caseDir.resolve("files");
        System.out.printf("bench: every-target: writing one ≈100 MiB file per target below %s%n", examples);
        List<EveryTargetFiles.InputFile> files = EveryTargetFiles.write(examples);
        Path dataDir = caseDir.resolve("sandbox");
        Map<String, String> folders = folders(relative(dataDir));
        Path config = caseDir.resolve("application.properties");
        writeConfig(config, relative(examples), relative(dataDir), folders);
        Path gcLog = caseDir.resolve("gc.log");
        List<String> memoryOptions = List.of(MAX_HEAP, "-Xlog:gc:file=" + gcLog);
        List<String> appOptions = new ArrayList<>();
        folders.forEach((key, value) -> appOptions.add("-D" + key + "=" + value));
        appOptions.add("-Dusagebridge.exit-when-idle-seconds=" + EXIT_WHEN_IDLE_SECONDS);
        appOptions.addAll(memoryOptions);
        List<String> command = List.of(Java.binary(), "-Dsandbox.config=" + config,
                "-Dsandbox.app-options=" + String.join(" ", appOptions), "-jar", settings.sandboxJar().toString());

        double loadBefore = LoadAverage.oneMinute();
        Path log = caseDir.resolve("sandbox-run.log");
        List<String> problems = new ArrayList<>();
        Watch watch;
        int exitCode;
        double sandboxSeconds;
        try (ChildProcess sandbox = ChildProcess.start(command, settings.repoRoot(), log,
                SandboxRunOutput.APP_STARTED)) {
            sandbox.awaitLine(600);
            long appPid = SandboxRunOutput.appPid(sandbox.seenLine());
            System.out.printf("bench: every-target: the sandbox run started the app (pid %d, %s)%n", appPid,
                    String.join(" ", memoryOptions));
            watch = watch(sandbox, appPid, dataDir, files, log, problems);
            exitCode = sandbox.alive() ? -1 : sandbox.waitFor(10);
            sandboxSeconds = (System.nanoTime() - sandbox.startedNanos()) / 1e9;
        }
        double loadAfter = LoadAverage.oneMinute();
        return result(files, examples, watch, dataDir, log, gcLog, memoryOptions, exitCode, sandboxSeconds,
                loadBefore, loadAfter, problems);
    }

    /** What the harness saw while the app ran. */
    private record Watch(long peakRssKiB, Map<String, Double> doneAfter, Map<String, JsonNode> states,
            double lastFileSeconds, double appSeconds) {
    }

    /**
     * Polls the app's memory and the done/ and failed/ folders until the sandbox run ends; once every file is in one
     * of them, reads each simulator's state (the app then waits {@value #EXIT_WHEN_IDLE_SECONDS} s idle, with the
     * simulators still up, before it exits). An OutOfMemoryError in the output ends the watch at once: an app whose
     * threads died of it may never finish its files.
     */
    private Watch watch(ChildProcess sandbox, long appPid, Path dataDir, List<EveryTargetFiles.InputFile> files,
            Path log, List<String> problems) throws InterruptedException, IOException {
        Map<String, String> simulators = SandboxRunOutput.simulators(log);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_SECONDS);
        long peakRss = -1;
        Map<String, Double> doneAfter = new LinkedHashMap<>();
        Map<String, JsonNode> states = null;
        double lastFile = Double.NaN;
        double appSeconds = Double.NaN;
        boolean outOfMemory = false;
        for (int poll = 1; sandbox.alive() && System.nanoTime() < deadline && !outOfMemory; poll++) {
            double now = (System.nanoTime() - start) / 1e9;
            ProcMemory memory = ProcMemory.of(appPid);
            if (memory != null) {
                peakRss = Math.max(peakRss, memory.peakRssKiB());
            } else if (Double.isNaN(appSeconds)) {
                appSeconds = now;
            }
            for (EveryTargetFiles.InputFile file : files) {
                if (!doneAfter.containsKey(file.target()) && (Files.exists(dataDir.resolve("done").resolve(file.path()))
                        || Files.exists(dataDir.resolve("failed").resolve(file.path())))) {
                    doneAfter.put(file.target(), now);
                    System.out.printf("bench: every-target: %s's file ended after %.1f s%n", file.target(), now);
                }
            }
            if (states == null && doneAfter.size() == files.size()) {
                lastFile = now;
                states = states(simulators, files, problems);
            }
            outOfMemory = poll % 25 == 0 && SandboxRunOutput.mentionsOutOfMemory(log);
            Thread.sleep(200);
        }
        if (outOfMemory) {
            System.out.println("bench: every-target: OutOfMemoryError in the output: stopping the sandbox run");
        } else if (sandbox.alive()) {
            problems.add("every-target: the sandbox run did not end within " + RUN_TIMEOUT_SECONDS + " s: stopped");
        } else if (states == null) {
            problems.add("every-target: the app exited before every file ended ("
                    + doneAfter.keySet() + " of " + files.size() + ")");
        }
        return new Watch(peakRss, doneAfter, states == null ? Map.of() : states, lastFile, appSeconds);
    }

    private Map<String, JsonNode> states(Map<String, String> simulators, List<EveryTargetFiles.InputFile> files,
            List<String> problems) {
        Map<String, JsonNode> states = new LinkedHashMap<>();
        for (EveryTargetFiles.InputFile file : files) {
            String base = simulators.get(file.target());
            if (base == null) {
                problems.add("every-target: the sandbox run started no simulator for " + file.target());
                continue;
            }
            try {
                states.put(file.target(), SimulatorState.read(base));
            } catch (IOException | InterruptedException e) {
                problems.add("every-target: " + file.target() + "'s simulator state at " + base + " unread: " + e);
            }
        }
        return states;
    }

    private Result result(List<EveryTargetFiles.InputFile> files, Path examples, Watch watch, Path dataDir, Path log,
            Path gcLog, List<String> memoryOptions, int exitCode, double sandboxSeconds, double loadBefore,
            double loadAfter, List<String> problems) throws IOException {
        Map<String, String> summary = SandboxRunOutput.summaryRows(log);
        List<TargetRun> runs = new ArrayList<>();
        for (EveryTargetFiles.InputFile file : files) {
            JsonNode state = watch.states().get(file.target());
            SimulatorReceipts.Receipt receipt = state == null ? null
                    : SimulatorReceipts.of(file, state, dataDir.resolve("received"), examples.resolve(file.path()));
            if (receipt != null) {
                receipt.problems().forEach(p -> problems.add("every-target: " + file.target() + ": " + p));
            }
            String endedIn = endedIn(dataDir, file);
            if (!endedIn.equals("done/")) {
                problems.add("every-target: " + file.target() + ": " + file.path() + " ended in " + endedIn
                        + ", not done/");
            }
            String key = file.target().equals("insights") ? EveryTargetFiles.INSIGHTS_BATCH : file.path();
            String summaryRow = summary.getOrDefault(key, "(no summary row)");
            if (!summaryRow.contains(" · DONE · ")) {
                problems.add("every-target: " + file.target() + ": the app's summary says " + summaryRow);
            }
            runs.add(new TargetRun(file, receipt, watch.doneAfter().getOrDefault(file.target(), Double.NaN), endedIn,
                    summaryRow));
        }
        boolean outOfMemory = SandboxRunOutput.mentionsOutOfMemory(log) || failedFilesMentionOutOfMemory(dataDir);
        if (outOfMemory) {
            problems.add("every-target: OutOfMemoryError at " + MAX_HEAP + ": see " + log);
        }
        if (exitCode != 0) {
            problems.add("every-target: the sandbox run exited with " + exitCode + ": see " + log);
        }
        GcLog heap = GcLog.read(gcLog);
        Result result = new Result(runs, memoryOptions, watch.peakRssKiB(), heap, outOfMemory, exitCode,
                watch.lastFileSeconds(), watch.appSeconds(), sandboxSeconds, loadBefore, loadAfter, problems);
        System.out.printf("bench: every-target: peak heap %d MiB used (%d MiB committed), peak RSS %d MiB, %s; "
                        + "last file ended after %.1f s%n", heap.peakUsedBytes() >> 20, heap.peakCommittedBytes() >> 20,
                watch.peakRssKiB() >> 10, outOfMemory ? "OutOfMemoryError" : "no OutOfMemoryError",
                watch.lastFileSeconds());
        return result;
    }

    /** done/, failed/, duplicate/ or still in the inbox or inflight/. */
    private static String endedIn(Path dataDir, EveryTargetFiles.InputFile file) {
        for (String folder : List.of("done", "failed", "duplicate", "inflight", "inbox")) {
            if (Files.exists(dataDir.resolve(folder).resolve(file.path()))) {
                return folder + "/";
            }
        }
        return "nowhere";
    }

    /** A failed file's sidecar ({@code .error.json}) names the exception. */
    private static boolean failedFilesMentionOutOfMemory(Path dataDir) throws IOException {
        Path failed = dataDir.resolve("failed");
        if (!Files.isDirectory(failed)) {
            return false;
        }
        try (Stream<Path> paths = Files.walk(failed)) {
            for (Path sidecar : paths.filter(p -> p.toString().endsWith(".json")).toList()) {
                if (SandboxRunOutput.mentionsOutOfMemory(sidecar)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The sandbox's folders below this case's: the launcher wipes the data folder and copies the files into the
     * inbox; the app is given the same folders as system properties (it reads config/application.properties, not
     * the launcher's copy).
     */
    private static Map<String, String> folders(String data) {
        Map<String, String> folders = new LinkedHashMap<>();
        folders.put("usagebridge.work-dir", data + "/work");
        folders.put("ledger.url", "jdbc:h2:file:./" + data + "/ledger/usagebridge");
        folders.put("commands.dir", data + "/commands");
        folders.put("intake.folder.dir", data + "/inbox");
        folders.put("intake.folder.done-dir", data + "/done");
        folders.put("intake.folder.failed-dir", data + "/failed");
        folders.put("intake.folder.duplicate-dir", data + "/duplicate");
        folders.put("intake.folder.inflight-dir", data + "/inflight");
        return folders;
    }

    /**
     * config/application.properties with the launcher's {@code %sandbox.} folders pointed below this case's: lines
     * appended, as a later key wins in a properties file; the targets, accounts and timings stay the sandbox's.
     */
    private void writeConfig(Path config, String examples, String data, Map<String, String> folders)
            throws IOException {
        StringBuilder overrides = new StringBuilder("\n# bench every-target: the sandbox run's folders below ")
                .append(relative(config.getParent())).append('\n');
        overrides.append("%sandbox.usagebridge.sandbox.example-inbox = ").append(examples).append('\n');
        overrides.append("%sandbox.usagebridge.sandbox.data-dir = ").append(data).append('\n');
        folders.forEach((key, value) -> overrides.append("%sandbox.").append(key).append(" = ").append(value)
                .append('\n'));
        Files.writeString(config, Files.readString(settings.config(), StandardCharsets.UTF_8) + overrides,
                StandardCharsets.UTF_8);
    }

    /** The sandbox run wipes only a folder given relative to the repository root, below it. */
    private String relative(Path path) {
        Path relative = settings.repoRoot().relativize(path.toAbsolutePath().normalize());
        if (relative.isAbsolute() || relative.startsWith("..")) {
            throw new IllegalStateException("every-target needs its work folder below the repository root (the "
                    + "sandbox run wipes only such a folder): " + path);
        }
        return relative.toString();
    }
}
