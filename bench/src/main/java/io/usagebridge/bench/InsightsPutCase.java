package io.usagebridge.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Case: a 100 MB PUT to the Insights signed URL. The packaged app uploads a batch whose account.csv is just under
 * the Batch API's 100 MB limit to the sandbox's Insights simulator (a process of its own); {@code curl
 * --upload-file} puts the same file to a signed URL of the same store, asked for with curl as a script would. Both
 * PUTs are timed where they are the same: at the store, from the request's arrival to its answer (the body read in
 * between). Runs alternate; the median of each side's throughput is reported.
 */
public final class InsightsPutCase {

    /** The Batch API takes record type files up to 100 MB (104,857,600 bytes). */
    static final long FILE_BYTES = 100L * 1024 * 1024 - 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One PUT as the store timed it. */
    public record Put(int run, long bytes, double seconds, double loadBefore) {
        public double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    public record Result(long fileBytes, List<Put> usageBridge, List<Put> curl, List<String> problems) {
    }

    private final BenchSettings settings;
    private final SandboxProfile account;

    public InsightsPutCase(BenchSettings settings, SandboxProfile account) {
        this.settings = settings;
        this.account = account;
    }

    public Result run() throws IOException, InterruptedException {
        Path caseDir = settings.workDir().resolve("insights-put");
        Path file = caseDir.resolve("account.csv");
        long bytes = writeAccounts(file);
        int apiPort = FreePort.find();
        int storePort = FreePort.find();
        int twoCheckoutPort = FreePort.find();
        Map<String, String> insights = new LinkedHashMap<>();
        insights.put("sandbox.sftp.enabled", "false");
        insights.put("sandbox.insights.port", Integer.toString(apiPort));
        insights.put("sandbox.insights.store-port", Integer.toString(storePort));
        insights.put("sandbox.insights.api-token", account.insightsToken());
        insights.put("sandbox.insights.data-source", "billing");
        insights.put("sandbox.insights.record-types", "account,subscription");
        List<Put> usageBridge = new ArrayList<>();
        List<Put> curl = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String api = "http://localhost:" + apiPort + "/api/files/upload";
        String store = "http://localhost:" + storePort;
        try (SandboxMainProcess simulators = SandboxMainProcess.start(settings.sandboxJar(), account,
                twoCheckoutPort, insights, caseDir.resolve("simulator.log"))) {
            for (int n = 1; n <= settings.runs(); n++) {
                usageBridge.add(usageBridge(n, caseDir, file, api, store,
                        "http://localhost:" + twoCheckoutPort + TwoCheckoutSimulatorProcess.RECEIVER_PATH, problems));
                curl.add(curl(n, caseDir, file, api, store, problems));
            }
        }
        return new Result(bytes, usageBridge, curl, problems);
    }

    private Put usageBridge(int n, Path caseDir, Path file, String api, String store, String twoCheckoutUrl,
            List<String> problems) throws IOException, InterruptedException {
        RunDirs dirs = RunDirs.fresh(caseDir.resolve("usagebridge-" + n));
        List<String> withInsights = List.of("-Dusagebridge.targets=twocheckout,insights",
                "-Dcamel.main.routes-include-pattern=file:routes/*.camel.yaml,"
                        + "file:routes/available/target-insights.camel.yaml",
                "-Dtarget.insights.url=" + api);
        int before = storeRequests(store).size();
        double load = LoadAverage.oneMinute();
        try (UsageBridgeProcess app = UsageBridgeProcess.start(settings.repoRoot(), settings.appJar(),
                twoCheckoutUrl, dirs, withInsights)) {
            app.awaitReady();
            // the batch is written beside the inbox and moved in whole, as an export job would
            Path staged = dirs.root().resolve("staging/2026-11-30");
            Files.createDirectories(staged);
            Files.copy(file, staged.resolve("account.csv"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(staged.resolve("subscription.ndjson"),
                    "{\"id\":\"A-S00000001\",\"account_id\":\"a-0000001\",\"start_date\":\"2026-11-01\"}\n");
            Path batches = dirs.inbox().resolve("insights/billing");
            Files.createDirectories(batches);
            Files.move(staged, batches.resolve("2026-11-30"));
            Path done = dirs.done().resolve("insights/billing/2026-11-30/account.csv");
            if (!awaitFile(done, 300)) {
                problems.add("insights-put: UsageBridge run " + n + ": the batch did not reach done/ within 300 s");
            }
        }
        return largestPut(n, "UsageBridge", storeRequests(store), before, load, problems);
    }

    private Put curl(int n, Path caseDir, Path file, String api, String store, List<String> problems)
            throws IOException, InterruptedException {
        int before = storeRequests(store).size();
        double load = LoadAverage.oneMinute();
        // as a script would: ask the Batch API for a signed URL, then put the file to it
        String answer = run(caseDir, List.of("curl", "-sS", "-u", account.insightsToken() + ":", "-X", "POST",
                "--data-urlencode", "dataSource=billing", "--data-urlencode", "recordType=account",
                "--data-urlencode", "batchDate=2026-11-30T0" + n + ":00:00Z", api));
        String signedUrl = JSON.readTree(answer).path("signedUrl").asText();
        run(caseDir, List.of("curl", "-sS", "-o", "/dev/null", "--upload-file", file.toString(), signedUrl));
        return largestPut(n, "curl", storeRequests(store), before, load, problems);
    }

    private static Put largestPut(int n, String side, List<JsonNode> requests, int before, double load,
            List<String> problems) {
        JsonNode put = null;
        for (JsonNode request : requests.subList(before, requests.size())) {
            if (put == null || request.path("bytes").asLong() > put.path("bytes").asLong()) {
                put = request;
            }
        }
        if (put == null || put.path("status").asInt() != 200 || put.path("bytes").asLong() != FILE_BYTES) {
            problems.add("insights-put: " + side + " run " + n + ": the store did not take the " + FILE_BYTES
                    + "-byte file (" + put + ")");
            return new Put(n, 0, Double.NaN, load);
        }
        double seconds = Duration.between(Instant.parse(put.path("receivedAt").asText()),
                Instant.parse(put.path("answeredAt").asText())).toNanos() / 1e9;
        Put timed = new Put(n, put.path("bytes").asLong(), seconds, load);
        System.out.printf("bench: insights-put: %s run %d: %.2f s at the store, %.0f MB/s (load %.2f)%n", side, n,
                seconds, timed.mbPerSecond(), load);
        return timed;
    }

    private static List<JsonNode> storeRequests(String store) throws IOException, InterruptedException {
        List<JsonNode> requests = new ArrayList<>();
        SimulatorState.read(store).path("requests").forEach(requests::add);
        return requests;
    }

    private static boolean awaitFile(Path file, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return Files.exists(file);
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 2)) + " failed: " + out);
        }
        return out;
    }

    /** A valid accounts CSV of exactly {@link #FILE_BYTES} bytes, its last row padded to fit. */
    static long writeAccounts(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        long bytes = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            String header = "id,name,created,active,mrr,note\n";
            out.write(header);
            bytes += header.length();
            for (int i = 1; ; i++) {
                String row = String.format("a-%07d,\"Customer %07d, Inc\",2026-11-%02d 10:15:00Z,%s,%d.%02d,"
                        + "plain text for line %d\n", i, i, 1 + i % 28, i % 2 == 0 ? "true" : "false", i % 100_000,
                        i % 100, i);
                if (bytes + row.length() + 80 > FILE_BYTES) {
                    int pad = (int) (FILE_BYTES - bytes - ("a-9999999,last,2026-11-30 10:15:00Z,true,0.00,"
                            .length() + 1));
                    String last = "a-9999999,last,2026-11-30 10:15:00Z,true,0.00," + "x".repeat(pad) + "\n";
                    out.write(last);
                    bytes += last.length();
                    break;
                }
                out.write(row);
                bytes += row.length();
            }
        }
        return bytes;
    }
}
