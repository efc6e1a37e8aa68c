package io.usagebridge.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Case: what a Zuora SOAP Import costs on the wire. The packaged app sends a generated 4 MB usage file (one Import:
 * under Zuora's 4 MB limit, so as the CSV it is) to the sandbox's Zuora SOAP simulator (a process of its own); the
 * simulator counts the bytes of the create() request's body as they arrived (the MTOM package: MIME framing, the
 * SOAP envelope and the file as a binary part). Reported: those bytes over the file's, against the bar 1.01.
 */
public final class SoapWireCase {

    /** Rows of a Zuora usage import until the file holds about this many bytes (Zuora takes 4,194,304). */
    static final long FILE_BYTES = 4_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Result(long fileBytes, long importBytes, long createRequestBytes, boolean mtom, String importStatus,
            List<String> problems) {
        public double ratio() {
            return createRequestBytes / (double) importBytes;
        }
    }

    private final BenchSettings settings;
    private final SandboxProfile account;

    public SoapWireCase(BenchSettings settings, SandboxProfile account) {
        this.settings = settings;
        this.account = account;
    }

    public Result run() throws IOException, InterruptedException {
        Path caseDir = settings.workDir().resolve("soap-wire");
        RunDirs dirs = RunDirs.fresh(caseDir.resolve("usagebridge"));
        Path file = caseDir.resolve("zuora-usage-4mb.csv");
        writeUsage(file);
        int soapPort = FreePort.find();
        int twoCheckoutPort = FreePort.find();
        Map<String, String> zuoraSoap = new LinkedHashMap<>();
        zuoraSoap.put("sandbox.sftp.enabled", "false");
        zuoraSoap.put("sandbox.insights.enabled", "false");
        zuoraSoap.put("sandbox.zuora-soap.enabled", "true");
        zuoraSoap.put("sandbox.zuora-soap.port", Integer.toString(soapPort));
        zuoraSoap.put("sandbox.zuora-soap.username", account.zuoraUser());
        zuoraSoap.put("sandbox.zuora-soap.password", account.zuoraPassword());
        try (SandboxMainProcess simulators = SandboxMainProcess.start(settings.sandboxJar(), account,
                twoCheckoutPort, zuoraSoap, caseDir.resolve("simulator.log"))) {
            String base = "http://localhost:" + soapPort;
            // 2Checkout stays configured (routes/ holds its route; files at the inbox's top go to it), unused here
            List<String> withZuora = List.of("-Dusagebridge.targets=twocheckout,zuora",
                    "-Dcamel.main.routes-include-pattern=file:routes/*.camel.yaml,"
                            + "file:routes/available/target-zuora-soap.camel.yaml",
                    "-Dtarget.zuora.login-url=" + base + "/apps/services/a/45.0");
            try (UsageBridgeProcess app = UsageBridgeProcess.start(settings.repoRoot(), settings.appJar(),
                    "http://localhost:" + twoCheckoutPort + TwoCheckoutSimulatorProcess.RECEIVER_PATH, dirs,
                    withZuora)) {
                app.awaitReady();
                Path inbox = dirs.inbox().resolve("zuora");
                Files.createDirectories(inbox);
                Files.move(file, inbox.resolve(file.getFileName()));
                Path done = dirs.done().resolve("zuora").resolve(file.getFileName());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while (!Files.exists(done) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                return result(SimulatorState.read(base), Files.exists(done) ? Files.size(done) : -1, done);
            }
        }
    }

    private Result result(JsonNode state, long fileBytes, Path done) {
        List<String> problems = new ArrayList<>();
        if (fileBytes < 0) {
            problems.add("soap-wire: the file did not reach " + done + " within 180 s");
        }
        JsonNode imports = state.path("imports");
        List<JsonNode> creates = new ArrayList<>();
        state.path("calls").forEach(call -> {
            if ("create".equals(call.path("operation").asText())) {
                creates.add(call);
            }
        });
        if (imports.size() != 1 || creates.size() != 1) {
            problems.add("soap-wire: expected one Import and one create() call, the simulator saw " + imports.size()
                    + " and " + creates.size());
        }
        JsonNode imported = imports.path(0);
        JsonNode create = creates.isEmpty() ? JSON.createObjectNode() : creates.get(0);
        Result result = new Result(fileBytes, imported.path("size").asLong(), create.path("requestBytes").asLong(),
                create.path("mtom").asBoolean(), imported.path("status").asText(), problems);
        System.out.printf("bench: soap-wire: a %d-byte file, an Import of %d bytes, create() of %d bytes on the wire "
                + "(%s): %.4f×%n", fileBytes, result.importBytes(), result.createRequestBytes(),
                result.mtom() ? "MTOM" : "not MTOM", result.ratio());
        return result;
    }

    /** A Zuora usage import in the example's columns and date form, distinct rows, about {@link #FILE_BYTES}. */
    static void writeUsage(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(4);
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String header = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n";
            out.write(header);
            written += header.length();
            for (int i = 0; written < FILE_BYTES; i++) {
                String row = String.format("A%08d,Each,%d,11/%02d/2026,11/%02d/2026,A-S%08d,C-%08d,api calls %d%n",
                        i % 5000, 1 + random.nextInt(100_000), 1 + i % 28, 1 + i % 28, i % 5000, i % 5000, i);
                out.write(row);
                written += row.length();
            }
        }
    }
}
