package io.usagebridge.alerts;

import java.util.Properties;

/**
 * The two channels' receivers of an alerts test, and the app's settings that point at them: a test webhook and a
 * test SMTP server (with a login), fast scans and retries.
 */
final class AlertReceivers implements AutoCloseable {

    static final String MAIL_PASSWORD = "smtp-pw-Zq81";
    static final String WEBHOOK_SECRET = "whsec-mail-test";
    static final String CONSOLE = "https://usagebridge.example.com";
    static final String TO = "billing-ops@example.com";

    private final TestWebhook webhook;
    private final TestSmtpServer smtp;

    AlertReceivers() throws Exception {
        webhook = new TestWebhook();
        smtp = new TestSmtpServer(MAIL_PASSWORD);
    }

    TestWebhook webhook() {
        return webhook;
    }

    TestSmtpServer smtp() {
        return smtp;
    }

    /** Before each test: no request seen, the SMTP server up with an empty mailbox. */
    void reset() {
        webhook.reset();
        smtp.start();
    }

    Properties configure(Properties p, int maxAttempts) {
        p.put("alerts.webhook.url", webhook.url());
        p.put("alerts.webhook.secret", WEBHOOK_SECRET);
        p.put("alerts.mail.host", "127.0.0.1");
        p.put("alerts.mail.port", Integer.toString(smtp.port()));
        p.put("alerts.mail.from", "alerts@usagebridge.example.com");
        p.put("alerts.mail.to", TO);
        p.put("alerts.mail.username", TestSmtpServer.LOGIN);
        p.put("alerts.mail.password", MAIL_PASSWORD);
        // GreenMail's plain SMTP offers no STARTTLS; production keeps it required
        p.put("alerts.mail.starttls", "false");
        p.put("alerts.start-delay-ms", "100");
        p.put("alerts.scan-interval-ms", "100");
        p.put("alerts.retry.initial-delay-ms", "50");
        p.put("alerts.retry.max-delay-ms", "400");
        p.put("alerts.max-attempts", Integer.toString(maxAttempts));
        p.put("usagebridge.console.base-url", CONSOLE);
        return p;
    }

    @Override
    public void close() {
        webhook.close();
        smtp.close();
    }
}
