package io.usagebridge.sandbox.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The production app as a child process: {@code java -Dquarkus.profile=sandbox -D<target url>=... -jar
 * quarkus-run.jar}, in this working directory (it reads config/ and routes/ from there), its output on this
 * process's console. System properties win over the {@code %sandbox.} lines of config/application.properties, so
 * the overrides point its targets at the simulators' free ports.
 */
public final class SandboxApp {

    private final Process process;

    private SandboxApp(Process process) {
        this.process = process;
    }

    /** {@code jvmOptions} go after the overrides, before {@code -jar}: a {@code -D} among them wins over both. */
    public static SandboxApp start(Path appJar, List<String> jvmOptions, Map<String, String> overrides)
            throws IOException {
        return new SandboxApp(new ProcessBuilder(command(appJar, jvmOptions, overrides)).inheritIO().start());
    }

    static List<String> command(Path appJar, Map<String, String> overrides) {
        return command(appJar, List.of(), overrides);
    }

    static List<String> command(Path appJar, List<String> jvmOptions, Map<String, String> overrides) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.profile=sandbox");
        overrides.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(appJar.toString());
        return command;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the app exits by itself (it does once the inbox is idle) and returns its exit code. */
    public int waitForExit() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGTERM (the app finishes or leaves what is in flight), then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
