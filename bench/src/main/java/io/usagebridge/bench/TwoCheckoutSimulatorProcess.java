package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sandbox's 2Checkout receiver simulator alone ({@link SandboxMainProcess}, SFTP and Insights off): each run
 * starts a fresh one. What it received is read from its state endpoint ({@code /__sandbox/state}).
 */
public final class TwoCheckoutSimulatorProcess implements AutoCloseable {

    /** TwoCheckoutReceiverSimulator.PATH. */
    static final String RECEIVER_PATH = "/subscription/payperusage/receiver/index.php";

    private final SandboxMainProcess process;
    private final int port;

    private TwoCheckoutSimulatorProcess(SandboxMainProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static TwoCheckoutSimulatorProcess start(Path sandboxJar, SandboxProfile account, Path log)
            throws IOException {
        int port = FreePort.find();
        return new TwoCheckoutSimulatorProcess(SandboxMainProcess.start(sandboxJar, account, port,
                Map.of("sandbox.sftp.enabled", "false", "sandbox.insights.enabled", "false"), log), port);
    }

    /** The receiver's URL, as the app's {@code target.twocheckout.url} and the loop's curl take it. */
    public String url() {
        return "http://localhost:" + port + RECEIVER_PATH;
    }

    public int port() {
        return port;
    }

    /** Every processed upload, oldest first. */
    public List<Upload> uploads() throws IOException, InterruptedException {
        List<Upload> uploads = new ArrayList<>();
        for (JsonNode upload : state().path("uploads")) {
            uploads.add(new Upload(upload.path("fileName").asText(), upload.path("size").asLong(),
                    upload.path("md5").asText(), upload.path("accepted").asBoolean(), upload.path("reply").asText()));
        }
        return uploads;
    }

    /** How many uploads it processed so far (accepted or not). */
    public long processedCount() throws IOException, InterruptedException {
        return state().path("processedCount").asLong();
    }

    private JsonNode state() throws IOException, InterruptedException {
        return SimulatorState.read("http://localhost:" + port);
    }

    /** CPU seconds the simulator has used so far. */
    public double cpuSeconds() {
        return process.cpuSeconds();
    }

    @Override
    public void close() {
        process.close();
    }
}
