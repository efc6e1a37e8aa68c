package io.usagebridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sandbox's 2Checkout receiver simulator alone ({@code SandboxMain} from usagebridge-sandbox-run.jar, SFTP and
 * Insights off), in a JVM of its own so it neither shares a heap with the harness nor keeps state between runs: each
 * run starts a fresh one. What it received is read from its state endpoint ({@code /__sandbox/state}).
 */
public final class TwoCheckoutSimulatorProcess implements AutoCloseable {

    /** SimulatorServer.STATE_PATH. */
    static final String STATE_PATH = "/__sandbox/state";
    /** TwoCheckoutReceiverSimulator.PATH. */
    static final String RECEIVER_PATH = "/subscription/payperusage/receiver/index.php";
    private static final Pattern RUNNING = Pattern.compile("UsageBridge sandbox is running");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TwoCheckoutSimulatorProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static TwoCheckoutSimulatorProcess start(Path sandboxJar, String merchant, String secretKey, Path log)
            throws IOException, InterruptedException {
        int port = FreePort.find();
        List<String> command = List.of(Java.binary(),
                "-Dsandbox.twocheckout.port=" + port,
                "-Dsandbox.twocheckout.merchant=" + merchant,
                "-Dsandbox.twocheckout.secret-key=" + secretKey,
                "-Dsandbox.sftp.enabled=false",
                "-Dsandbox.insights.enabled=false",
                // a line per upload would be the simulator's own cost, not UsageBridge's: warnings only
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", sandboxJar.toString(), "io.usagebridge.sandbox.SandboxMain");
        ChildProcess child = ChildProcess.start(command, Path.of("."), log, RUNNING);
        TwoCheckoutSimulatorProcess simulator = new TwoCheckoutSimulatorProcess(child, port);
        try {
            child.awaitLine(60);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return simulator;
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
        JsonNode state = state();
        List<Upload> uploads = new ArrayList<>();
        for (JsonNode upload : state.path("uploads")) {
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
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + STATE_PATH)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the simulator's state answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
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
