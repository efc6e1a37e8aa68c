package io.usagebridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The packaged app ({@code java -jar quarkus/target/quarkus-app/quarkus-run.jar}) started as the sandbox run starts
 * it: the {@code sandbox} profile, the 2Checkout target pointed at a simulator by a system property. Only the
 * 2Checkout target is configured (the sandbox's other targets have no simulator here), its folders are below a fresh
 * run directory, and it does not exit when idle (the harness stops it).
 */
public final class UsageBridgeProcess implements AutoCloseable {

    /** Quarkus' line once the app (Camel context included) is up. */
    static final Pattern STARTED = Pattern.compile("\\(powered by Quarkus [^)]*\\) started in ");

    private final ChildProcess process;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private UsageBridgeProcess(ChildProcess process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /** Starts it from the repository root (it reads config/ and routes/ there); returns at once. */
    public static UsageBridgeProcess start(Path repoRoot, Path appJar, String twoCheckoutUrl, RunDirs dirs,
            List<String> extraJvmOptions) throws IOException {
        return start(repoRoot, appJar, twoCheckoutUrl, dirs, extraJvmOptions, "app.log");
    }

    /** As above, its output into {@code logName} in the run's folder (a second start of one run keeps the first's). */
    public static UsageBridgeProcess start(Path repoRoot, Path appJar, String twoCheckoutUrl, RunDirs dirs,
            List<String> extraJvmOptions, String logName) throws IOException {
        int port = FreePort.find();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.profile", "sandbox");
        properties.put("usagebridge.targets", "twocheckout");
        properties.put("camel.main.routes-include-pattern", "file:routes/*.camel.yaml");
        properties.put("target.twocheckout.url", twoCheckoutUrl);
        // the sandbox profile exits after 5 idle seconds; the harness starts it on an empty inbox and stops it
        properties.put("usagebridge.exit-when-idle-seconds", "86400");
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("usagebridge.work-dir", dirs.work().toString());
        properties.put("ledger.url", dirs.ledgerUrl());
        properties.put("commands.dir", dirs.commands().toString());
        properties.put("intake.folder.dir", dirs.inbox().toString());
        properties.put("intake.folder.done-dir", dirs.done().toString());
        properties.put("intake.folder.failed-dir", dirs.failed().toString());
        properties.put("intake.folder.duplicate-dir", dirs.duplicate().toString());
        properties.put("intake.folder.inflight-dir", dirs.inflight().toString());
        List<String> command = new ArrayList<>();
        command.add(Java.binary());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        // an experiment's own options (bench/README.md, app-options) come last, so they win
        command.addAll(extraJvmOptions);
        command.add("-jar");
        command.add(appJar.toString());
        return new UsageBridgeProcess(ChildProcess.start(command, repoRoot, dirs.root().resolve(logName), STARTED),
                port);
    }

    /** Seconds from the process start to Quarkus' started line. */
    public double awaitStarted() throws InterruptedException {
        return process.awaitLine(180);
    }

    /** Seconds from the process start to the first {@code /q/health/ready} answering 200 (polled every 50 ms). */
    public double awaitReady() throws InterruptedException {
        URI ready = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("the app exited before it was ready: see " + process.log());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return (System.nanoTime() - process.startedNanos()) / 1e9;
                }
            } catch (IOException notListeningYet) {
                // the HTTP server starts with the app
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the app was not ready within 180 s: see " + process.log());
    }

    /** CPU seconds the app has used so far. */
    public double cpuSeconds() {
        return process.cpuSeconds();
    }

    /** CPU seconds so far by thread group ({@link ThreadCpu}). */
    public Map<String, Double> threadCpu() {
        return process.threadCpu();
    }

    /** Bytes the app has read and written so far ({@link ProcIo}). */
    public ProcIo io() {
        return process.io();
    }

    /** Wall-clock milliseconds about when the process was started. */
    public long startedEpochMillis() {
        return process.startedEpochMillis();
    }

    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
