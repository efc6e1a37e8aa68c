package io.usagebridge.preview;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.sandbox.SimulatorServer;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;
import io.usagebridge.sandbox.insights.InsightsBatchSimulator;
import io.usagebridge.sandbox.run.PreviewMatch;
import io.usagebridge.sandbox.run.SandboxProfile;
import io.usagebridge.sandbox.run.SimulatedTargets;

/**
 * The example inbox, configured as the sandbox run configures it (its %sandbox. target lines, a simulator per
 * target): a dry run calls no simulator, records nothing in the ledger and leaves the files in place; then a real run
 * of the same files sends byte for byte the chunks the preview holds, with the same signed fields and headers.
 */
class DryRunTest extends UsageBridgeTestSupport {

    private static final Path CONFIG = Path.of("../config/application.properties");
    private static final Path EXAMPLES = Path.of("../examples/inbox");
    /** The example files a folder intake takes one by one (the Insights batch folder goes whole, elsewhere). */
    private static final int FILES = 7;
    private static final String BATCH = "insights/billing/2026-11-30";
    private static final List<String> SANDBOX_SECRETS = List.of("sandbox-only-key", "sandbox-only-secret",
            "sandbox-only-password", "sandbox-only-token", "sandbox-insights-token");

    private static SandboxProfile profile;
    private static SimulatedTargets simulators;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startSimulators() throws IOException {
        profile = SandboxProfile.read(CONFIG);
        simulators = SimulatedTargets.start(profile, Files.createTempDirectory(Path.of("target"), "dry-run-sims-"));
    }

    @AfterAll
    static void stopSimulators() {
        simulators.close();
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        // the sandbox's targets, as its run sets them: its %sandbox.target. lines, pointed at the simulators
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(CONFIG, StandardCharsets.UTF_8)) {
            raw.load(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        raw.stringPropertyNames().stream().filter(k -> k.startsWith("%sandbox.target."))
                .forEach(k -> p.put(k.substring("%sandbox.".length()), raw.getProperty(k).trim()));
        p.put("usagebridge.targets", profile.require("usagebridge.targets"));
        p.putAll(simulators.appOverrides());
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-zuora-usage.camel.yaml", "target-zuora-revenue-schedules.camel.yaml",
                "target-zuora-soap.camel.yaml", "target-insights.camel.yaml", "target-http-multipart.camel.yaml");
    }

    @Test
    void dryRunSendsNothingAndItsPreviewIsWhatTheRealRunSends() throws Exception {
        Path inbox = copy(EXAMPLES, data.resolve("examples"));
        Map<String, String> filesBefore = snapshot(inbox);
        Path preview = data.resolve("preview");
        int requestsBefore = requestCount();
        int insightsRequests = insights().requests().size();

        Map<String, DryRunOutcome> outcomes = byFile(dryRun(inbox, preview));

        assertEquals(requestsBefore, requestCount(), "no simulator got a request (no token, no login either)");
        assertEquals(filesBefore, snapshot(inbox), "every inbox file is in place, unchanged");
        for (String file : outcomes.keySet()) {
            assertTrue(ledger().sources().sourcesNamed(file).isEmpty(), file + " left no row in the ledger");
        }
        assertEquals(DryRunVerdict.WOULD_SEND, outcomes.get("usage-2026-11-01.csv").verdict());
        assertEquals(DryRunVerdict.NOTHING_TO_SEND, outcomes.get("usage-2026-11-04-resend-of-01.csv").verdict());
        DryRunOutcome batch = outcomes.get(BATCH);
        assertEquals(DryRunVerdict.WOULD_SEND, batch.verdict(), batch.line());
        assertEquals(List.of("insights/account.csv", "insights/subscription.ndjson"), batch.chunks().stream()
                .map(c -> c.file().substring(BATCH.length() + 1)).toList(), "one upload per record type");
        assertEquals(insightsRequests, insights().requests().size(), "no upload URL asked, nothing PUT");
        for (String record : List.of("account.csv", "subscription.ndjson")) {
            assertTrue(ledger().sources().sourcesNamed(BATCH + "/" + record).isEmpty(), record + " left no row");
        }
        assertPreviewedUpload(preview, batch.chunks().get(0).request(), "billing", "account");
        DryRunOutcome bad = outcomes.get("usage-2026-11-03-bad-date.csv");
        assertEquals(DryRunVerdict.WOULD_FAIL, bad.verdict());
        assertEquals("CSV_VALUE_INVALID", bad.failures().get(0).code());
        assertTrue(bad.chunks().isEmpty(), "a refused file has no chunk");
        assertEquals(7, outcomes.values().stream().mapToInt(o -> o.chunks().size()).sum(), "one request per "
                + "target type's example (two record types of the Insights batch), 2Checkout's resend and bad file "
                + "none");
        assertTrue(Files.exists(preview.resolve("summary.json")));
        assertFalse(Files.exists(preview.resolve(DryRunSettings.SCRATCH)), "the scratch folder is gone");
        assertNoSecretIn(preview);

        // the real run of the same files
        NotifyBuilder done = whenFilesDone(FILES);
        copy(inbox, inbox());
        assertTrue(done.matches(90, SECONDS), "the real run took every file");
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done").resolve(BATCH)));

        assertEquals(List.of(), PreviewMatch.problems(preview, profile, simulators),
                "each previewed request arrived once, byte for byte, with the same fields and headers");
        assertEquals(1, simulators.simulators(TwoCheckoutReceiverSimulator.class).get(0).accepted().size(),
                "01 sent once; its resend and the bad file not at all");

        // the bad file: the dry run's error.json says what the real run's says
        JsonNode previewed = json.readTree(preview.resolve(bad.errorJson()).toFile());
        JsonNode real = json.readTree(data.resolve("failed/usage-2026-11-03-bad-date.csv.error.json").toFile());
        assertEquals(real.path("code"), previewed.path("code"));
        assertEquals(real.path("message"), previewed.path("message"));
    }

    @Test
    void incompleteOrInvalidInsightsBatchWouldFailWithTheRealRunsCode() throws Exception {
        Path inbox = data.resolve("bad-batches");
        Path incomplete = Files.createDirectories(inbox.resolve("insights/billing/2026-12-01"));
        Files.copy(EXAMPLES.resolve(BATCH).resolve("account.csv"), incomplete.resolve("account.csv"));
        Path invalid = Files.createDirectories(inbox.resolve("insights/billing/2026-12-02"));
        Files.copy(EXAMPLES.resolve(BATCH).resolve("account.csv"), invalid.resolve("account.csv"));
        Files.writeString(invalid.resolve("subscription.ndjson"), "[1, 2]\n");
        int insightsRequests = insights().requests().size();

        List<DryRunOutcome> outcomes = dryRun(inbox, data.resolve("preview-bad"));

        DryRunOutcome missing = outcomes.get(0);
        assertEquals(DryRunVerdict.WOULD_FAIL, missing.verdict(), missing.line());
        assertEquals("INSIGHTS_BATCH_INCOMPLETE", missing.failures().get(0).code());
        assertTrue(missing.failures().get(0).message().contains("[subscription]"), missing.line());
        DryRunOutcome refused = outcomes.get(1);
        assertEquals(DryRunVerdict.WOULD_FAIL, refused.verdict(), refused.line());
        assertEquals("JSON_RECORD_INVALID", refused.failures().get(0).code());
        assertTrue(missing.chunks().isEmpty() && refused.chunks().isEmpty(), "nothing of a failing batch is sent");
        assertTrue(Files.exists(incomplete.resolve("account.csv")) && Files.exists(invalid.resolve("account.csv")),
                "the folders are not moved");
        assertEquals(insightsRequests, insights().requests().size(), "no upload URL asked");
    }

    /** The POST for the signed URL as sent (the token masked), then the PUT of the file to the URL it answers. */
    private void assertPreviewedUpload(Path preview, String requestFile, String dataSource, String recordType)
            throws IOException {
        JsonNode request = json.readTree(preview.resolve(requestFile).toFile());
        assertEquals("POST", request.path("method").asText());
        assertEquals(insights().uploadUrl(), request.path("url").asText());
        assertEquals(PreparedRequest.MASK, request.path("headers").path("Authorization").asText());
        String body = request.path("body").asText();
        assertTrue(body.startsWith("dataSource=" + dataSource + "&recordType=" + recordType + "&batchDate="), body);
        assertTrue(request.path("notes").has("batchDate"), "batchDate is the claim's: said so");
        JsonNode put = request.path("then");
        assertEquals("PUT", put.path("method").asText());
        assertEquals(RequestPreviewWriter.AT_SEND_TIME, put.path("url").asText());
        assertFalse(put.path("headers").has("Content-Type"), "the signed URL covers no Content-Type");
    }

    private static InsightsBatchSimulator insights() {
        return simulators.simulators(InsightsBatchSimulator.class).get(0);
    }

    private List<DryRunOutcome> dryRun(Path inbox, Path preview) throws Exception {
        Properties p = testProperties();
        p.putAll(DryRunSettings.overrides(preview));
        try (DefaultCamelContext dry = new DefaultCamelContext()) {
            configure(dry, p);
            List<RoutesBuilder> builders = routeBuilders(dry, extraRouteFolders());
            for (RoutesBuilder builder : builders) {
                dry.addRoutes(builder);
            }
            for (RoutesBuilder builder : builders) {
                dry.addTemplatedRoutes(builder);
            }
            dry.start();
            return new DryRun(dry).run(inbox, preview);
        }
    }

    private int requestCount() {
        return simulators.simulators(SimulatorServer.class).stream().mapToInt(SimulatorServer::requestCount).sum();
    }

    private static Map<String, DryRunOutcome> byFile(List<DryRunOutcome> outcomes) {
        Map<String, DryRunOutcome> map = new LinkedHashMap<>();
        outcomes.forEach(o -> map.put(o.file(), o));
        return map;
    }

    private static void assertNoSecretIn(Path preview) throws IOException {
        try (Stream<Path> files = Files.walk(preview)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (String secret : SANDBOX_SECRETS) {
                    assertFalse(text.contains(secret), file + " holds a secret");
                }
            }
        }
    }

    /** Each file's path, size and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString(), Files.size(f) + " " + Files.getLastModifiedTime(f)
                        + " " + md5(f));
            }
        }
        return files;
    }

    private static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                md5.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md5.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        return to;
    }
}
