package io.usagebridge.alerts;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

import io.usagebridge.alerts.ledger.AlertRow;

/**
 * Mails one alert (taken under this instance's lease) through the configured SMTP endpoint (camel-mail): plain text,
 * the same facts as the webhook's body, a stable subject. A mail the server took is sent; any failure (no connection,
 * a refusal, a login refused) waits in the ledger and is tried again with the alerts' backoff, until the attempts are
 * spent. The password is never logged or recorded: it is scrubbed from the error kept in the ledger.
 */
public final class MailAlertSender implements Processor {

    /** The key that switches mail alerts on: the recipients, comma-separated. */
    public static final String TO_KEY = "alerts.mail.to";

    /** The alert's id, as in the webhook's X-UsageBridge-Delivery: the same on every retry. */
    public static final String ALERT_ID = "X-UsageBridge-Alert";

    private final AlertAttempts attempts;
    private final AlertMailText text;
    private final ProducerTemplate template;
    private final Endpoint smtp;
    private final String password;

    public MailAlertSender(AlertAttempts attempts, AlertMailText text, ProducerTemplate template, Endpoint smtp,
                           String password) {
        this.attempts = attempts;
        this.text = text;
        this.template = template;
        this.smtp = smtp;
        this.password = password;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        send(exchange.getMessage().getMandatoryBody(AlertRow.class));
    }

    /** One attempt; its outcome is written to the ledger. */
    public void send(AlertRow alert) {
        AlertMail mail = text.of(alert.payload());
        Exchange sent = template.send(smtp, exchange -> {
            exchange.getMessage().setHeader("Subject", mail.subject());
            exchange.getMessage().setHeader("Content-Type", "text/plain; charset=UTF-8");
            exchange.getMessage().setHeader(WebhookAlertSender.EVENT, alert.kind());
            exchange.getMessage().setHeader(ALERT_ID, Long.toString(alert.id()));
            exchange.getMessage().setBody(mail.body());
        });
        if (sent.getException() == null) {
            attempts.sent(alert, "the mail server took it");
        } else {
            attempts.retryOrGiveUp(alert, null, "the mail server did not take it: " + describe(sent.getException()));
        }
    }

    /** The innermost cause (the mail server's answer, or why it was not reached), without the password. */
    private String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String described = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": "
                + root.getMessage().strip());
        return password == null || password.isEmpty() ? described : described.replace(password, "***");
    }
}
