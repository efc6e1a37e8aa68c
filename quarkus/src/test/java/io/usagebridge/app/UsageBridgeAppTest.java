package io.usagebridge.app;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.usagebridge.sandbox.ReceivedUpload;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;
import io.usagebridge.targets.twocheckout.TwoCheckoutHashSigner;

/** The app as Quarkus builds it: bundle routes from the jar, routes/ and config/ from the project. */
@QuarkusTest
@QuarkusTestResource(UsageBridgeTestResource.class)
class UsageBridgeAppTest {

    private static final String HEADER = "UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n";

    TwoCheckoutReceiverSimulator twoCheckout;

    @Inject
    CamelContext context;

    @ConfigProperty(name = "intake.folder.dir")
    Path inbox;

    @ConfigProperty(name = "intake.folder.done-dir")
    Path done;

    @Test
    void twoCheckoutReceivesSignedFileOnceAndOriginalMovesToDone() throws Exception {
        String usage = HEADER
                + "2026-11-01T00:00:00Z,2026-11-01T23:59:59Z,metered-api,web,83FE4FEF2\n"
                + "2026-11-02 08:00:00,2026-11-02 09:30:00,metered-api,,83FE4FEF2\n";
        drop("usage-quarkus.csv", usage);

        Path kept = done.resolve("usage-quarkus.csv");
        await().atMost(30, SECONDS).until(() -> Files.exists(kept));
        // the app (and the simulator) serve every test of this class: look at this file's upload only
        List<ReceivedUpload> received = twoCheckout.received().stream()
                .filter(u -> "usage-quarkus.csv".equals(u.fileName())).toList();
        assertEquals(1, received.size());
        ReceivedUpload upload = received.get(0);
        assertEquals("1", upload.reply(), "the simulator accepted merchant, file MD5 and hash");
        assertEquals(UsageBridgeTestResource.MERCHANT, upload.fields().get("merchant"));
        // 2Checkout gets its own date format at GMT+2, so the MD5 is that of the converted file
        String sent = HEADER
                + "2026-11-01 02:00:00,2026-11-02 01:59:59,metered-api,web,83FE4FEF2\n"
                + "2026-11-02 10:00:00,2026-11-02 11:30:00,metered-api,,83FE4FEF2\n";
        assertEquals(md5(sent), upload.fileMd5());
        assertEquals(md5(sent), upload.fields().get("file_MD5"));
        assertEquals(TwoCheckoutHashSigner.hash(UsageBridgeTestResource.SECRET,
                List.of(UsageBridgeTestResource.MERCHANT, UsageBridgeTestResource.SECRET, md5(sent))),
                upload.fields().get("hash"), "signed with the secret read from UB_TEST_SECRET");
        assertEquals(usage, Files.readString(kept), "the original is kept byte for byte");
        assertFalse(Files.exists(inbox.resolve("usage-quarkus.csv")));
    }

    @Test
    void healthIsReadyAndLiveAndMetricsCountFilesPerIntake() throws Exception {
        drop("usage-metrics.csv", HEADER + "2026-11-03,2026-11-03,metered-api,,METRICS1\n");
        await().atMost(30, SECONDS).until(() -> Files.exists(done.resolve("usage-metrics.csv")));
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ready = get(http, port, "/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"ledger\"") && ready.body().contains("\"targets\""), ready.body());
        HttpResponse<String> live = get(http, port, "/q/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("intake-folder"), live.body());
        String metrics = get(http, port, "/q/metrics").body();
        assertTrue(metrics.contains("usagebridge_files_received_total{intake=\"intake-folder\"}"), metrics);
        assertTrue(metrics.contains("usagebridge_deliveries_accepted_total{target=\"twocheckout\"}"), metrics);
        assertTrue(metrics.contains("usagebridge_upload_latency_seconds_count{target=\"twocheckout\"}"), metrics);
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void projectConfigFileIsReadAndEnvSecretResolves() {
        // a key only config/application.properties sets, read from that very file
        ConfigValue chunkRows = ConfigProvider.getConfig().getConfigValue("target.twocheckout.max-chunk-rows");
        assertEquals("50000", chunkRows.getValue());
        assertTrue(chunkRows.getSourceName().contains("config/application.properties"), chunkRows.getSourceName());
        assertTrue(Path.of("../config/application.properties").toFile().isFile());

        // configuration holds the reference; Camel resolves it from the environment
        assertEquals("{{env:UB_TEST_SECRET}}",
                ConfigProvider.getConfig().getValue("target.twocheckout.secret-key", String.class));
        assertEquals(UsageBridgeTestResource.SECRET, System.getenv("UB_TEST_SECRET"));
        assertEquals(UsageBridgeTestResource.SECRET,
                context.resolvePropertyPlaceholders("{{target.twocheckout.secret-key}}"));
        assertTrue(context.getRoute("deliver-twocheckout") != null && context.getRoute("intake-folder") != null,
                "routes from ../routes are loaded");
    }

    @Test
    void routeBuildersOfTheBundleAreDiscoveredFromItsJandexIndex() {
        // no list to keep in step: a RouteBuilder added to bundle/ is found by Camel Quarkus's routes discovery
        assertTrue(context.getRoute("zuora-soap-call") != null, "ZuoraSoapRoutes");
        assertTrue(context.getRoute("lookup-zuora-soap-import") != null, "ZuoraSoapLookupRoutes");
    }

    /** Written beside the inbox, then moved in whole, as a producer should. */
    private void drop(String name, String content) throws Exception {
        Path staging = inbox.resolveSibling("staging").resolve(name);
        Files.createDirectories(staging.getParent());
        Files.writeString(staging, content, StandardCharsets.UTF_8);
        Files.createDirectories(inbox);
        Files.move(staging, inbox.resolve(name));
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
