package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sandbox's standalone simulators ({@code SandboxMain} from usagebridge-sandbox-run.jar) in a JVM of their own,
 * so they neither share a heap with the harness nor keep state between runs. The 2Checkout receiver always runs (on
 * the port given, with the sandbox account); {@code properties} turn the others on or off ({@code sandbox.*}).
 * A line per request would be the simulators' cost, not UsageBridge's: they log warnings only.
 */
final class SandboxMainProcess implements AutoCloseable {

    private static final Pattern RUNNING = Pattern.compile("UsageBridge sandbox is running");

    private final ChildProcess process;

    private SandboxMainProcess(ChildProcess process) {
        this.process = process;
    }

    /** Starts it and returns once it is listening. */
    static SandboxMainProcess start(Path sandboxJar, SandboxProfile account, int twoCheckoutPort,
            Map<String, String> properties, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Java.binary(),
                "-Dsandbox.twocheckout.port=" + twoCheckoutPort,
                "-Dsandbox.twocheckout.merchant=" + account.merchant(),
                "-Dsandbox.twocheckout.secret-key=" + account.secretKey()));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", sandboxJar.toString(),
                "io.usagebridge.sandbox.SandboxMain"));
        ChildProcess child = ChildProcess.start(command, Path.of("."), log, RUNNING);
        try {
            child.awaitLine(60);
        } catch (InterruptedException e) {
            child.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the simulators started", e);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return new SandboxMainProcess(child);
    }

    /** CPU seconds the simulators have used so far. */
    double cpuSeconds() {
        return process.cpuSeconds();
    }

    @Override
    public void close() {
        process.close();
    }
}
