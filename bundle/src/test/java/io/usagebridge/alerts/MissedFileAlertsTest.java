package io.usagebridge.alerts;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.MovingClock;
import io.usagebridge.UsageBridgeTestSupport;

/**
 * The README's worked example in the running app, on a clock the test moves (bound as {@code usageBridgeClock}): a
 * schedule "daily by 02:00 UTC, grace 2 h" raises nothing at 03:59, then at 04:00 one file-missed mail and one
 * webhook call.
 */
class MissedFileAlertsTest extends UsageBridgeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AlertReceivers receivers;
    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-03T03:59:00Z"));

    @BeforeAll
    static void startReceivers() throws Exception {
        receivers = new AlertReceivers();
    }

    @AfterAll
    static void stopReceivers() {
        receivers.close();
    }

    @BeforeEach
    void startSmtp() {
        receivers.reset();
    }

    @AfterEach
    void stopSmtp() {
        receivers.smtp().stop();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("usageBridgeClock", clock);
        return context;
    }

    @Override
    protected Properties testProperties() {
        Properties p = receivers.configure(super.testProperties(), 4);
        p.put("alerts.schedules", "nightly");
        p.put("alerts.schedules.nightly.source", "intake-folder");
        p.put("alerts.schedules.nightly.pattern", "usage-*.csv");
        p.put("alerts.schedules.nightly.every", "daily");
        p.put("alerts.schedules.nightly.by", "02:00");
        p.put("alerts.schedules.nightly.zone", "UTC");
        p.put("alerts.schedules.nightly.grace", "PT2H");
        // yesterday's window closed 24 hours before the test's start: outside the look-back
        p.put("alerts.look-back-ms", Long.toString(Duration.ofHours(1).toMillis()));
        return p;
    }

    @Test
    void aFileThatDidNotComeByTheDeadlineIsOneMailAndOneWebhookCall() throws Exception {
        await().during(600, MILLISECONDS).atMost(2, SECONDS).until(() -> receivers.smtp().received().isEmpty()
                && receivers.webhook().requests().isEmpty());

        clock.advance(Duration.ofSeconds(61));
        await().atMost(10, SECONDS).until(() -> receivers.smtp().received().size() == 1
                && receivers.webhook().accepted().size() == 1);
        await().during(600, MILLISECONDS).atMost(2, SECONDS).until(() -> receivers.smtp().received().size() == 1
                && receivers.webhook().requests().size() == 1);

        MimeMessage mail = receivers.smtp().received().get(0);
        assertEquals("[UsageBridge] file missed: nightly (usage-*.csv)", mail.getSubject());
        String body = TestSmtpServer.body(mail);
        assertTrue(body.contains("Expected by: 2026-12-03T02:00:00Z"), body);
        assertTrue(body.contains("Deadline: 2026-12-03T04:00:00Z"), body);
        assertTrue(body.contains("Source: intake-folder"), body);
        JsonNode webhookBody = JSON.readTree(receivers.webhook().requests().get(0).body());
        assertEquals("file-missed", webhookBody.get("kind").asText());
        assertEquals("nightly", webhookBody.at("/schedule/name").asText());
    }
}
