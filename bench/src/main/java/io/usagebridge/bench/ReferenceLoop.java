package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The reference shell loop (bench/reference/twocheckout-loop.sh) over a run's inbox against a simulator, timed from
 * its start to its end, with the CPU of everything it ran.
 */
final class ReferenceLoop {

    private ReferenceLoop() {
    }

    /** Runs it over {@code dirs.inbox()} (files moved to {@code dirs.done()}); a non-zero exit is a problem. */
    static TimedRun run(BenchSettings settings, SandboxProfile account, TwoCheckoutSimulatorProcess simulator,
            RunDirs dirs, Path root, int n, int files, long timeoutSeconds, List<String> problems)
            throws IOException, InterruptedException {
        // a bash around the loop notes, once the loop has ended, the CPU of all it waited for (the loop and every
        // md5sum, openssl, curl and mv): fields cutime and cstime of its /proc/<pid>/stat
        Path stat = root.resolve("loop-cpu.stat");
        List<String> command = List.of("bash", "-c", "bash \"$@\"; rc=$?; read -r s < /proc/$$/stat; "
                        + "echo \"$s\" > \"" + stat + "\"; exit $rc", "loop-cpu",
                settings.loopScript().toString(), dirs.inbox().toString(), dirs.done().toString(),
                simulator.url(), account.merchant(), account.secretKey());
        double loadBefore = LoadAverage.oneMinute();
        double simulatorCpu = simulator.cpuSeconds();
        long start = System.nanoTime();
        int exit;
        try (ChildProcess script = ChildProcess.start(command, settings.repoRoot(), root.resolve("loop.log"),
                null)) {
            exit = script.waitFor(timeoutSeconds);
        }
        long end = System.nanoTime();
        double loadAfter = LoadAverage.oneMinute();
        simulatorCpu = simulator.cpuSeconds() - simulatorCpu;
        double loopCpu = ChildCpu.ofWaitedChildren(stat);
        if (exit != 0) {
            problems.add("shell loop run " + n + ": exited with " + exit + ", see " + root.resolve("loop.log"));
        }
        return new TimedRun(n, (end - start) / 1e9, files, loadBefore, loadAfter, loopCpu, simulatorCpu);
    }
}
