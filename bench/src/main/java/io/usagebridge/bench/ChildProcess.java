package io.usagebridge.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A process the harness starts (the app, a simulator, the minimal app), its output copied to a log file by a thread
 * that also notes when a given line first appears: the app's "started" line is seen the moment it is written, not at
 * the next look at a file.
 */
public final class ChildProcess implements AutoCloseable {

    /** USER_HZ, 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final long startedNanos;
    private final long startedEpochMillis = System.currentTimeMillis();
    private final Path log;
    private final Pattern watched;
    private final CountDownLatch seen = new CountDownLatch(1);
    private volatile long seenNanos = -1;
    private volatile String seenLine;

    private ChildProcess(Process process, long startedNanos, Path log, Pattern watched) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
        this.watched = watched;
    }

    /** Starts {@code command} in {@code dir}, its output (stderr too) into {@code log}, watching for {@code line}. */
    public static ChildProcess start(List<String> command, Path dir, Path log, Pattern line) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        long before = System.nanoTime();
        ChildProcess child = new ChildProcess(builder.start(), before, log, line);
        Thread copier = new Thread(child::copyOutput, "bench-log-" + log.getFileName());
        copier.setDaemon(true);
        copier.start();
        return child;
    }

    private void copyOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                long now = System.nanoTime();
                out.write(line);
                out.newLine();
                out.flush();
                // signalled once the line is in the log too: a waiter may read the log at once
                if (seenNanos < 0 && watched != null && watched.matcher(line).find()) {
                    seenLine = line;
                    seenNanos = now;
                    seen.countDown();
                }
            }
        } catch (IOException e) {
            // the JDK closes the pipe under a reader when the process exits: only a failure while it runs counts
            if (process.isAlive()) {
                throw new UncheckedIOException("copying the output of pid " + process.pid() + " to " + log, e);
            }
        }
    }

    /**
     * Waits for the watched line; returns the seconds from the process start to it. Fails when the process ends
     * first or the timeout passes, naming the log.
     */
    public double awaitLine(long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!seen.await(100, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pid " + process.pid() + " exited with " + process.exitValue()
                        + " before printing the line " + watched + ": see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no line " + watched + " within " + timeoutSeconds + " s: see " + log);
            }
        }
        return (seenNanos - startedNanos) / 1e9;
    }

    /** The watched line as printed, once seen. */
    public String seenLine() {
        return seenLine;
    }

    /** Wall-clock milliseconds about when the process was started (for reading its log's timestamps). */
    public long startedEpochMillis() {
        return startedEpochMillis;
    }

    /** Nanos (System.nanoTime) when the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    /**
     * CPU seconds (user + system) the process has used so far, from /proc/&lt;pid&gt;/stat; NaN once it has ended or
     * where there is no /proc.
     */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces: state is field 3
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds so far by thread group ({@link ThreadCpu}). */
    public Map<String, Double> threadCpu() {
        return ThreadCpu.of(process.pid());
    }

    /** Bytes read and written so far ({@link ProcIo}); null once it has ended. */
    public ProcIo io() {
        return ProcIo.of(process.pid());
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Waits for it to end by itself; its exit code. */
    public int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pid " + process.pid() + " still running after " + timeoutSeconds
                    + " s: killed; see " + log);
        }
        return process.exitValue();
    }

    /** SIGTERM (the app finishes what is in flight), then SIGKILL after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        // through the handle: Process.destroy() also closes the output pipe, cutting the log's last lines
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
