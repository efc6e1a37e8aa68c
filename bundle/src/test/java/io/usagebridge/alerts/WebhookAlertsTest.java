package io.usagebridge.alerts;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import io.micrometer.core.instrument.Meter;
import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.alerts.ledger.AlertLedger;
import io.usagebridge.alerts.ledger.AlertRow;
import io.usagebridge.alerts.ledger.AlertState;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * The alert webhook against a real receiver, with the app's routes and the 2Checkout simulator: each alert arrives
 * once, signed (the signature recomputed here from the secret), retried through 503s with the receiver's
 * Retry-After, given up on a 400, and never carrying a secret or usage data.
 */
class WebhookAlertsTest extends UsageBridgeTestSupport {

    private static final String WEBHOOK_SECRET = "whsec-test-" + HexFormat.of().formatHex(new byte[] {1, 2, 3, 4});
    private static final String CONSOLE = "https://usagebridge.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD_CSV = usageCsv("2026-11-01,2026-11-01,metered-api,,83FE4FEF2");
    // the first value is no date: validation fails the file, and its message quotes the value
    private static final String BAD_CSV = usageCsv("not-a-date-7Q,2026-11-01,metered-api,,SUBREF-9X41");

    private static TestWebhook webhook;

    @BeforeAll
    static void startWebhook() throws Exception {
        webhook = new TestWebhook();
    }

    @AfterAll
    static void stopWebhook() {
        webhook.close();
    }

    @BeforeEach
    void resetWebhook() {
        webhook.reset();
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("alerts.webhook.url", webhook.url());
        p.put("alerts.webhook.secret", WEBHOOK_SECRET);
        p.put("alerts.start-delay-ms", "100");
        p.put("alerts.scan-interval-ms", "100");
        p.put("alerts.retry.initial-delay-ms", "50");
        p.put("alerts.retry.max-delay-ms", "200");
        p.put("alerts.max-attempts", "4");
        p.put("usagebridge.console.base-url", CONSOLE + "/");
        return p;
    }

    @Test
    void fileThatFailsValidationSendsOneSignedFileFailedAlertLinkingToTheConsole() throws Exception {
        drop("usage.csv", BAD_CSV);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("failed/usage.csv")));
        await().atMost(10, SECONDS).until(() -> webhook.accepted().size() == 1);
        // further scans raise nothing new
        await().during(800, MILLISECONDS).atMost(2, SECONDS).until(() -> webhook.requests().size() == 1);

        TestWebhook.Request request = webhook.requests().get(0);
        assertSigned(request);
        assertEquals("file-failed", request.header(WebhookAlertSender.EVENT));
        assertEquals("application/json", request.header("Content-Type"));
        JsonNode body = JSON.readTree(request.body());
        assertEquals("file-failed", body.get("kind").asText());
        assertEquals(request.header(WebhookAlertSender.DELIVERY), body.get("id").asText(),
                "the delivery header is the alert's id: the receiver's idempotency key");
        assertEquals("usage.csv", body.at("/file/name").asText());
        assertEquals("FAILED", body.at("/file/state").asText());
        assertEquals("CSV_VALUE_INVALID", body.at("/file/errorCode").asText(), body.toString());
        long fileId = body.at("/file/id").asLong();
        assertEquals(CONSOLE + "/console/#file-" + fileId, body.get("consoleUrl").asText());
        assertEquals(ledger().sources().source(fileId).orElseThrow().sha256(), body.at("/file/sha256").asText());
        assertNoSecretNorUsageData(request);

        AlertRow alert = alerts().alerts().get(0);
        assertEquals(AlertState.SENT, alert.state());
        assertEquals(1, alert.attempts());
        assertEquals("source:" + fileId, alert.subject());
    }

    @Test
    void uncertainDeliverySendsOneDeliveryUncertainAlert() throws Exception {
        twoCheckout.dropNext(1);
        drop("usage.csv", GOOD_CSV);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("failed/usage.csv.error.json")));
        await().atMost(10, SECONDS).until(() -> webhook.accepted().size() == 1);
        await().during(800, MILLISECONDS).atMost(2, SECONDS).until(() -> webhook.requests().size() == 1);

        TestWebhook.Request request = webhook.requests().get(0);
        assertSigned(request);
        assertEquals("delivery-uncertain", request.header(WebhookAlertSender.EVENT));
        JsonNode body = JSON.readTree(request.body());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("twocheckout").get(0);
        assertEquals(DeliveryState.UNCERTAIN, delivery.state());
        assertEquals(delivery.id(), body.at("/delivery/id").asLong());
        assertEquals("twocheckout", body.at("/delivery/target").asText());
        assertEquals("UNCERTAIN", body.at("/delivery/state").asText());
        assertEquals("DELIVERY_UNCERTAIN", body.at("/delivery/errorCode").asText());
        assertEquals("usage.csv", body.at("/file/name").asText());
        assertEquals(CONSOLE + "/console/#file-" + delivery.sourceId(), body.get("consoleUrl").asText());
        assertNoSecretNorUsageData(request);
        assertEquals(1, twoCheckout.requestCount(), "alerts never touch the delivery");
    }

    @Test
    void webhookAnswering503TwiceGetsTheAlertOnTheThirdAttemptAfterItsRetryAfterAndOnlyOnce() throws Exception {
        webhook.answerNext(503, 503);
        drop("usage.csv", BAD_CSV);
        await().atMost(30, SECONDS).until(() -> webhook.accepted().size() == 1);
        await().during(800, MILLISECONDS).atMost(2, SECONDS).until(() -> webhook.requests().size() == 3);

        List<TestWebhook.Request> requests = webhook.requests();
        assertEquals(List.of(503, 503, 200), requests.stream().map(TestWebhook.Request::answered).toList());
        assertEquals(1, requests.stream().map(r -> r.header(WebhookAlertSender.DELIVERY)).distinct().count(),
                "one alert, tried three times under one id");
        assertEquals(1, requests.stream().map(TestWebhook.Request::body).distinct().count(), "the same body");
        requests.forEach(this::assertSigned);
        assertTrue(requests.get(1).atMillis() - requests.get(0).atMillis() >= 900,
                "the receiver's Retry-After: 1 is honoured");
        AlertRow alert = alerts().alerts().get(0);
        assertEquals(AlertState.SENT, alert.state());
        assertEquals(3, alert.attempts());
        assertNotNull(alert.sentAt());
        assertEquals(1, alerts().alerts().size());
    }

    @Test
    void webhookRefusingWith400GivesTheAlertUpAtOnce() throws Exception {
        webhook.answerNext(400);
        drop("usage.csv", BAD_CSV);
        await().atMost(30, SECONDS).until(() -> !alerts().alerts().isEmpty()
                && alerts().alerts().get(0).state() == AlertState.GAVE_UP);
        await().during(500, MILLISECONDS).atMost(2, SECONDS).until(() -> webhook.requests().size() == 1);
        AlertRow alert = alerts().alerts().get(0);
        assertEquals(1, alert.attempts());
        assertTrue(alert.lastError().contains("HTTP 400"), alert.lastError());
        assertFalse(alert.lastError().contains(WEBHOOK_SECRET));
    }

    /**
     * The Prometheus rules name only metrics the app exports, under the names Prometheus sees (dots as underscores,
     * counters with _total): after a real failure (a file failed, dead-lettered, its alert given up), and a count
     * of rejected rows recorded as reconciling a finished file does.
     */
    @Test
    void everyMetricThePrometheusRulesUseIsExported() throws Exception {
        webhook.answerNext(400);
        drop("usage.csv", BAD_CSV);
        await().atMost(30, SECONDS).until(() -> !alerts().alerts().isEmpty()
                && alerts().alerts().get(0).state() == AlertState.GAVE_UP);
        UsageBridgeMetrics metrics = context.getRegistry().lookupByNameAndType("usageBridgeMetrics",
                UsageBridgeMetrics.class);
        metrics.rowsRejected("zuora-soap", 2);
        // a schedule's counter exists from the start (MissedFileScanner); none is configured here
        metrics.filesMissed("nightly", 0);
        java.util.Set<String> exported = new java.util.TreeSet<>();
        for (Meter meter : metrics.registry().getMeters()) {
            String name = meter.getId().getName().replace('.', '_');
            exported.add(meter.getId().getType() == Meter.Type.COUNTER ? name + "_total" : name);
        }

        Object rules = new Load(LoadSettings.builder().build()).loadFromString(
                Files.readString(java.nio.file.Path.of("../config/prometheus/usagebridge-alerts.yml")));
        List<?> groups = (List<?>) ((java.util.Map<?, ?>) rules).get("groups");
        java.util.Set<String> used = new java.util.TreeSet<>();
        int count = 0;
        for (Object group : groups) {
            for (Object rule : (List<?>) ((java.util.Map<?, ?>) group).get("rules")) {
                java.util.Map<?, ?> r = (java.util.Map<?, ?>) rule;
                count++;
                assertNotNull(r.get("alert"), r.toString());
                assertNotNull(((java.util.Map<?, ?>) r.get("labels")).get("severity"), r.toString());
                assertNotNull(((java.util.Map<?, ?>) r.get("annotations")).get("summary"), r.toString());
                java.util.regex.Matcher names = java.util.regex.Pattern.compile("usagebridge_[a-z_]+")
                        .matcher((String) r.get("expr"));
                while (names.find()) {
                    used.add(names.group());
                }
            }
        }
        assertTrue(count >= 4, "rules for a failed file, an uncertain delivery, rejected rows: " + count);
        assertTrue(used.containsAll(List.of("usagebridge_files_failed_total", "usagebridge_deliveries_uncertain",
                "usagebridge_rows_rejected_total", "usagebridge_files_missed_total")), used.toString());
        for (String name : used) {
            assertTrue(exported.contains(name), name + " is not exported; exported: " + exported);
        }
    }

    private AlertLedger alerts() {
        return context.getRegistry().lookupByNameAndType("alertLedger", AlertLedger.class);
    }

    /** The signature, recomputed here as a receiver would: HMAC-SHA256(secret, timestamp + "." + body), hex. */
    private void assertSigned(TestWebhook.Request request) {
        String timestamp = request.header(WebhookAlertSender.TIMESTAMP);
        assertNotNull(timestamp);
        long age = System.currentTimeMillis() / 1000 - Long.parseLong(timestamp);
        assertTrue(age >= 0 && age < 60, "a fresh timestamp: " + timestamp);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, request.header(WebhookAlertSender.SIGNATURE));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNoSecretNorUsageData(TestWebhook.Request request) {
        String all = request.body() + request.headers();
        for (String never : List.of(WEBHOOK_SECRET, SECRET, MERCHANT, "not-a-date-7Q", "SUBREF-9X41", "83FE4FEF2",
                "metered-api")) {
            assertFalse(all.contains(never), "the alert holds " + never + ": " + all);
        }
    }
}
