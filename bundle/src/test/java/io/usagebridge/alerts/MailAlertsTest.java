package io.usagebridge.alerts;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.MimeMessage;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.alerts.ledger.AlertChannel;
import io.usagebridge.alerts.ledger.AlertLedger;
import io.usagebridge.alerts.ledger.AlertRow;
import io.usagebridge.alerts.ledger.AlertState;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * Alerts by mail to a real SMTP server, beside the webhook, with the app's routes and the 2Checkout simulator: a
 * failed file is one mail and one webhook call; the mail tells the same facts (plain text, the console link) and
 * holds no secret and no usage data; a mail server that is down delays only the mail, which is sent once when it is
 * back; one that never comes back is given up after the attempts, recorded in the ledger.
 */
class MailAlertsTest extends UsageBridgeTestSupport {

    // the first value is no date: validation fails the file, and its message quotes the value
    private static final String BAD_CSV = usageCsv("not-a-date-7Q,2026-11-01,metered-api,,SUBREF-9X41");
    private static final int MAX_ATTEMPTS = 8;

    private static AlertReceivers receivers;
    private static TestWebhook webhook;
    private static TestSmtpServer smtp;

    @BeforeAll
    static void startReceivers() throws Exception {
        receivers = new AlertReceivers();
        webhook = receivers.webhook();
        smtp = receivers.smtp();
    }

    @AfterAll
    static void stopReceivers() {
        receivers.close();
    }

    @BeforeEach
    void resetReceivers() {
        receivers.reset();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Override
    protected Properties testProperties() {
        return receivers.configure(super.testProperties(), MAX_ATTEMPTS);
    }

    @Test
    void aFailedFileIsOneMailAndOneWebhookCallWithTheSameFactsAndNoSecret() throws Exception {
        drop("usage.csv", BAD_CSV);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("failed/usage.csv")));
        await().atMost(10, SECONDS).until(() -> smtp.received().size() == 1 && webhook.accepted().size() == 1);
        // further scans send nothing new on either channel
        await().during(800, MILLISECONDS).atMost(2, SECONDS)
                .until(() -> smtp.received().size() == 1 && webhook.requests().size() == 1);

        MimeMessage mail = smtp.received().get(0);
        assertEquals("[UsageBridge] file failed: usage.csv", TestSmtpServer.subject(mail));
        assertEquals(AlertReceivers.TO, mail.getAllRecipients()[0].toString());
        assertTrue(mail.getContentType().startsWith("text/plain"), mail.getContentType());
        long fileId = ledger().sources().sourcesNamed("usage.csv").get(0).id();
        String body = TestSmtpServer.body(mail);
        assertTrue(body.contains("File: usage.csv"), body);
        assertTrue(body.contains("Error code: CSV_VALUE_INVALID"), body);
        assertTrue(body.contains("Kind: file-failed"), body);
        assertTrue(body.contains("Console: " + AlertReceivers.CONSOLE + "/console/#file-" + fileId), body);
        assertEquals(webhook.requests().get(0).header(WebhookAlertSender.DELIVERY),
                mail.getHeader(MailAlertSender.ALERT_ID)[0], "one alert, one id on both channels");
        String whole = TestSmtpServer.whole(mail);
        for (String never : List.of(AlertReceivers.MAIL_PASSWORD, AlertReceivers.WEBHOOK_SECRET, SECRET, MERCHANT, "not-a-date-7Q", "SUBREF-9X41",
                "metered-api")) {
            assertFalse(whole.contains(never), "the mail holds " + never + ": " + whole);
        }
        for (AlertChannel channel : AlertChannel.values()) {
            AlertRow send = send(channel).orElseThrow();
            assertEquals(AlertState.SENT, send.state(), channel.name());
            assertEquals(1, send.attempts(), channel.name());
        }
    }

    @Test
    void aMailServerThatIsDownGetsTheAlertOnceWhenItIsBackAndTheWebhookIsNotHeldUp() throws Exception {
        smtp.stop();
        drop("usage.csv", BAD_CSV);
        await().atMost(30, SECONDS).until(() -> send(AlertChannel.MAIL).filter(s -> s.attempts() >= 1).isPresent());
        AlertRow failing = send(AlertChannel.MAIL).orElseThrow();
        assertEquals(AlertState.PENDING, failing.state());
        assertTrue(failing.lastError().startsWith("the mail server did not take it"), failing.lastError());
        await().atMost(10, SECONDS).until(() -> webhook.accepted().size() == 1);

        smtp.start();
        await().atMost(20, SECONDS).until(() -> smtp.received().size() == 1);
        await().during(800, MILLISECONDS).atMost(2, SECONDS).until(() -> smtp.received().size() == 1);
        AlertRow sent = send(AlertChannel.MAIL).orElseThrow();
        assertEquals(AlertState.SENT, sent.state());
        assertTrue(sent.attempts() >= 2, "sent after a retry: " + sent.attempts());
        assertEquals("[UsageBridge] file failed: usage.csv", TestSmtpServer.subject(smtp.received().get(0)));
        assertEquals(1, webhook.requests().size());
    }

    @Test
    void aMailServerThatNeverComesBackIsGivenUpAfterTheAttemptsAndRecorded() throws Exception {
        smtp.stop();
        drop("usage.csv", BAD_CSV);
        await().atMost(30, SECONDS).until(() -> send(AlertChannel.MAIL)
                .filter(s -> s.state() == AlertState.GAVE_UP).isPresent());
        AlertRow gaveUp = send(AlertChannel.MAIL).orElseThrow();
        assertEquals(MAX_ATTEMPTS, gaveUp.attempts());
        assertTrue(gaveUp.lastError().contains("attempt " + MAX_ATTEMPTS + " of " + MAX_ATTEMPTS),
                gaveUp.lastError());
        assertFalse(gaveUp.lastError().contains(AlertReceivers.MAIL_PASSWORD));
        assertEquals(AlertState.SENT, send(AlertChannel.WEBHOOK).orElseThrow().state(),
                "the webhook's send is its own");
        assertEquals(1.0, metrics().registry().get("usagebridge.alerts.given.up").tag("channel", "mail")
                .tag("kind", "file-failed").counter().count());
    }

    private Optional<AlertRow> send(AlertChannel channel) {
        return alerts().alerts().stream().filter(r -> r.channel() == channel).findFirst();
    }

    private AlertLedger alerts() {
        return context.getRegistry().lookupByNameAndType("alertLedger", AlertLedger.class);
    }

    private UsageBridgeMetrics metrics() {
        return context.getRegistry().lookupByNameAndType("usageBridgeMetrics", UsageBridgeMetrics.class);
    }
}
