package io.usagebridge.sandbox.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedTargetsTest {

    private static final String PROFILE = """
            usagebridge.targets = twocheckout
            %sandbox.usagebridge.targets = twocheckout,zuora-usage,zuora-revenue,zuora,insights
            %sandbox.target.twocheckout.merchant = SANDBOXMERCHANT
            %sandbox.target.twocheckout.secret-key = sandbox-only-key
            %sandbox.target.zuora-usage.type = zuora-rest-usage
            %sandbox.target.zuora-usage.client-id = usage-client
            %sandbox.target.zuora-usage.client-secret = usage-secret
            %sandbox.target.zuora-revenue.type = zuora-rest-bulk
            %sandbox.target.zuora-revenue.client-id = revenue-client
            %sandbox.target.zuora-revenue.client-secret = revenue-secret
            %sandbox.target.zuora.type = zuora-soap-import
            %sandbox.target.zuora.username = sandbox-usage@example.com
            %sandbox.target.zuora.password = sandbox-only-password
            %sandbox.target.insights.type = insights-batch
            %sandbox.target.insights.api-token = sandbox-insights-token
            %sandbox.target.insights.data-sources = billing
            %sandbox.target.insights.data-source.billing.record-types = account,subscription
            target.twocheckout.type = twocheckout-usage
            """;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void everyTargetIsPointedAtARunningSimulatorThatKnowsItsSandboxAccount() throws Exception {
        Map<String, String> overrides;
        try (SimulatedTargets targets = SimulatedTargets.start(profile(PROFILE), dir.resolve("received"))) {
            overrides = targets.appOverrides();
            assertEquals(Set.of("target.twocheckout.url", "target.zuora-usage.base-url",
                    "target.zuora-revenue.base-url", "target.zuora.login-url", "target.insights.url"),
                    overrides.keySet());
            assertEquals(overrides.get("target.zuora-usage.base-url"), overrides.get("target.zuora-revenue.base-url"),
                    "one Zuora REST simulator for both REST targets");
            assertEquals(4, targets.listening().size());

            assertEquals(200, zuoraToken(overrides.get("target.zuora-usage.base-url"), "usage-client", "usage-secret"));
            assertEquals(200, zuoraToken(overrides.get("target.zuora-revenue.base-url"), "revenue-client",
                    "revenue-secret"));
            assertEquals(200, insightsUploadUrl(overrides.get("target.insights.url"), "sandbox-insights-token"));
            assertTrue(overrides.get("target.zuora.login-url").endsWith("/apps/services/a/45.0"));
            assertTrue(overrides.get("target.twocheckout.url")
                    .endsWith("/subscription/payperusage/receiver/index.php"));
            overrides.values().forEach(url -> assertTrue(listening(url), url));
        }
        overrides.values().forEach(url -> assertThrows(ConnectException.class, () -> connect(url), url));
        assertTrue(Files.isDirectory(dir.resolve("received/zuora-rest")), "what the simulators got is kept");
    }

    @Test
    void aTargetTypeWithoutSimulatorIsRefusedBeforeAnySimulatorStarts() throws Exception {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SimulatedTargets.start(profile(PROFILE + "%sandbox.target.insights.type = salesforce-bulk\n"),
                        dir.resolve("received")));
        assertTrue(refused.getMessage().contains("target insights of type salesforce-bulk"), refused.getMessage());
    }

    @Test
    void anHttpMultipartTargetGetsAReceiverOfItsOwnAskingForItsToken() throws Exception {
        String profile = "usagebridge.targets = receiver\ntarget.receiver.type = http-multipart\n"
                + "%sandbox.target.receiver.token = sandbox-receiver-token\n";
        try (SimulatedTargets targets = SimulatedTargets.start(profile(profile), dir.resolve("received"))) {
            String url = targets.appOverrides().get("target.receiver.url");
            assertTrue(url.endsWith("/upload"), url);
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode(), "no token, no upload");
        }
    }

    private int zuoraToken(String baseUrl, String clientId, String clientSecret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + clientSecret;
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private int insightsUploadUrl(String url, String token) throws Exception {
        String basic = Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));
        String form = "dataSource=billing&recordType=account&batchDate=2026-11-30T00%3A00%3A00Z";
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static boolean listening(String url) {
        try {
            connect(url);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void connect(String url) throws Exception {
        URI uri = URI.create(url);
        new Socket(uri.getHost(), uri.getPort()).close();
    }

    private SandboxProfile profile(String text) throws Exception {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, text);
        return SandboxProfile.read(file);
    }
}
