package io.usagebridge.faults.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged app as a child process ({@code java -jar quarkus-run.jar}) in its own working folder, with
 * system-property overrides; each start logs to its own file. Stops by signal: {@link #kill9()} (SIGKILL, nothing
 * runs after it) or {@link #sigterm()} (SIGTERM, the app's shutdown hooks run).
 */
public final class AppProcess implements AutoCloseable {

    /** Camel's line once every route started. */
    public static final Pattern STARTED = Pattern.compile("Apache Camel \\S+ \\(usagebridge\\) started in");
    /** Fewer compiler threads and a small heap: two cores are shared by up to three apps and the simulators. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx384m");

    private final String label;
    private final Path jar;
    private final Path workDir;
    private final Path logDir;
    private AppSettings settings;
    private String instanceId;
    private Process process;
    private AppLog log;
    private int starts;
    private int httpPort;

    public AppProcess(String label, Path jar, Path workDir, Path logDir, AppSettings settings) {
        this.label = label;
        this.jar = jar;
        this.workDir = workDir;
        this.logDir = logDir;
        this.settings = settings;
    }

    /** A fresh random instance id, as a recreated container gets. */
    public static String newInstanceId() {
        return "node-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String label() {
        return label;
    }

    public AppSettings settings() {
        return settings;
    }

    public String instanceId() {
        return instanceId;
    }

    public int httpPort() {
        return httpPort;
    }

    public AppLog log() {
        return log;
    }

    public Path workDir() {
        return workDir;
    }

    public synchronized AppProcess start(String instanceId) {
        if (isAlive()) {
            throw new IllegalStateException(label + " is running");
        }
        this.instanceId = instanceId;
        this.httpPort = FreePorts.next();
        starts++;
        Path logFile = logDir.resolve(label + "-start" + starts + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(JVM_OPTIONS);
        command.addAll(settings.asSystemProperties());
        // the instance id only labels ledger rows; ledger.node-id is the key today's build reads for it
        command.add("-Dusagebridge.instance-id=" + instanceId);
        command.add("-Dledger.node-id=" + instanceId);
        command.add("-Dquarkus.http.port=" + httpPort);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Files.writeString(logFile, "# " + Instant.now() + " " + String.join(" ", command) + "\n");
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + label, e);
        }
        log = new AppLog(logFile);
        return this;
    }

    /** Starts again with other settings (e.g. without fault points) and the given instance id. */
    public AppProcess restart(AppSettings newSettings, String newInstanceId) {
        if (isAlive()) {
            throw new IllegalStateException(label + " is still running");
        }
        this.settings = newSettings;
        return start(newInstanceId);
    }

    /** Waits for Camel's started line; fails at once, with the log's end, if the process exits first. */
    public AppProcess awaitStarted(Duration timeout) {
        awaitLog(STARTED, timeout);
        return this;
    }

    /** Waits for a line matching {@code pattern}; fails at once if the process exits first. */
    public String awaitLog(Pattern pattern, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> log.find(pattern).isPresent() || !isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(label + ": no log line /" + pattern + "/ within " + timeout + "; log ends:\n"
                    + log.tail(15), e);
        }
        Optional<String> line = log.find(pattern);
        if (line.isEmpty()) {
            throw new AssertionError(label + " exited (" + exitCode() + ") before /" + pattern + "/; log ends:\n"
                    + log.tail(30));
        }
        return line.get();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush; then waits until the process is gone. */
    public void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM (the JVM's shutdown hooks run); returns at once. */
    public void sigterm() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Waits for the process to end; returns how long that took, or null when it still runs at the timeout. */
    public Duration waitFor(Duration timeout) {
        Instant start = Instant.now();
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return ended ? Duration.between(start, Instant.now()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** SIGTERM, and SIGKILL if it has not ended within {@code grace}; true when it ended on SIGTERM. */
    public boolean stop(Duration grace) {
        if (!isAlive()) {
            return true;
        }
        sigterm();
        if (waitFor(grace) != null) {
            return true;
        }
        kill9();
        return false;
    }

    @Override
    public void close() {
        if (isAlive()) {
            kill9();
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
