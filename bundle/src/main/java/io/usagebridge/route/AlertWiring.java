package io.usagebridge.route;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;

import io.usagebridge.alerts.AlertAttempts;
import io.usagebridge.alerts.AlertMailText;
import io.usagebridge.alerts.AlertPayloads;
import io.usagebridge.alerts.AlertRetryPolicy;
import io.usagebridge.alerts.AlertScanner;
import io.usagebridge.alerts.DueAlertLoader;
import io.usagebridge.alerts.MailAlertSender;
import io.usagebridge.alerts.WebhookAlertSender;
import io.usagebridge.alerts.ledger.AlertChannel;
import io.usagebridge.alerts.ledger.AlertLedger;
import io.usagebridge.alerts.ledger.AlertState;
import io.usagebridge.alerts.schedule.FileSchedules;
import io.usagebridge.alerts.schedule.MissedFileScanner;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.deadletter.RetryAfterReader;
import io.usagebridge.ledger.LedgerDatabase;
import io.usagebridge.ledger.LedgerInstance;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * The alerts' beans for {@link AlertRoutes}: the ledger of alerts with the channels configured (the webhook when
 * {@code alerts.webhook.url} is set, mail when {@code alerts.mail.to} is), the scanners of conditions and of
 * schedules, and per channel its loader and sender; one retry policy for both. No secret is logged.
 */
final class AlertWiring {

    private AlertWiring() {
    }

    /** The channels this configuration sends alerts by. */
    static Set<AlertChannel> channels(UsageBridgeSettings settings) {
        Set<AlertChannel> channels = EnumSet.noneOf(AlertChannel.class);
        if (settings.get(AlertRoutes.URL_KEY).isPresent()) {
            channels.add(AlertChannel.WEBHOOK);
        }
        if (settings.get(MailAlertSender.TO_KEY).isPresent()) {
            channels.add(AlertChannel.MAIL);
        }
        return channels;
    }

    static void bind(CamelContext context, UsageBridgeSettings settings, LedgerDatabase database,
                     LedgerInstance instance, RetryAfterReader retryAfter, UsageBridgeMetrics metrics, Clock clock)
            throws Exception {
        Set<AlertChannel> channels = channels(settings);
        AlertLedger alerts = new AlertLedger(database.dataSource(), instance, clock, channels);
        context.getRegistry().bind("alertLedger", alerts);
        metrics.gauge("usagebridge.alerts.pending", "alerts waiting to be sent (each channel's send counts)",
                () -> alerts.count(AlertState.PENDING));
        metrics.gauge("usagebridge.alerts.failing", "alerts a channel did not take yet (an attempt failed)",
                alerts::countFailing);
        AlertPayloads payloads = new AlertPayloads(settings.get("usagebridge.console.base-url",
                "http://127.0.0.1:8080"));
        Duration lookBack = Duration.ofMillis(settings.getLong("alerts.look-back-ms", 86_400_000));
        context.getRegistry().bind("alertScanner", new AlertScanner(alerts, payloads, lookBack,
                settings.getInt("alerts.scan-batch", 100), clock));
        // well-formed: StartupChecks refused the start otherwise
        context.getRegistry().bind("missedFileScanner", new MissedFileScanner(alerts,
                FileSchedules.read(settings, new ArrayList<>()), payloads, metrics, lookBack, clock));
        AlertAttempts attempts = new AlertAttempts(alerts, new AlertRetryPolicy(settings.getInt("alerts.max-attempts",
                10), Duration.ofMillis(settings.getLong("alerts.retry.initial-delay-ms", 5000)),
                Double.parseDouble(settings.get("alerts.retry.multiplier", "2")),
                Duration.ofMillis(settings.getLong("alerts.retry.max-delay-ms", 600_000))), metrics, clock);
        int batch = settings.getInt("alerts.send-batch", 20);
        if (channels.contains(AlertChannel.WEBHOOK)) {
            context.getRegistry().bind(loaderOf(AlertChannel.WEBHOOK), new DueAlertLoader(alerts,
                    AlertChannel.WEBHOOK, batch));
            context.getRegistry().bind(senderOf(AlertChannel.WEBHOOK), new WebhookAlertSender(attempts, URI.create(
                    settings.require(AlertRoutes.URL_KEY)), settings.get("alerts.webhook.secret", ""),
                    Duration.ofMillis(settings.getLong("alerts.webhook.timeout-ms", 10_000)), retryAfter, clock));
        }
        if (channels.contains(AlertChannel.MAIL)) {
            context.getRegistry().bind(loaderOf(AlertChannel.MAIL), new DueAlertLoader(alerts, AlertChannel.MAIL,
                    batch));
            String password = settings.get("alerts.mail.username").isPresent()
                    ? settings.get("alerts.mail.password", "") : "";
            ProducerTemplate template = context.createProducerTemplate();
            context.addService(template);
            context.getRegistry().bind(senderOf(AlertChannel.MAIL), new MailAlertSender(attempts, new AlertMailText(), template,
                    smtp(context, settings, password), password));
        }
    }

    /**
     * The SMTP endpoint, configured here and not by URI: the password never appears in an endpoint URI (logs, the
     * route's JMX names). STARTTLS is required by default, so a login never travels in clear.
     */
    private static MailEndpoint smtp(CamelContext context, UsageBridgeSettings settings, String password) {
        boolean ssl = settings.getBoolean("alerts.mail.ssl", false);
        MailEndpoint smtp = context.getEndpoint((ssl ? "smtps" : "smtp") + "://" + settings.require("alerts.mail.host")
                + ":" + settings.getInt("alerts.mail.port", 587), MailEndpoint.class);
        MailConfiguration mail = smtp.getConfiguration();
        mail.setFrom(settings.require("alerts.mail.from"));
        mail.setTo(String.join(",", settings.getList(MailAlertSender.TO_KEY)));
        settings.get("alerts.mail.username").ifPresent(mail::setUsername);
        if (!password.isEmpty()) {
            mail.setPassword(password);
        }
        int timeout = settings.getInt("alerts.mail.timeout-ms", 10_000);
        mail.setConnectionTimeout(timeout);
        Properties javaMail = new Properties();
        String protocol = ssl ? "smtps" : "smtp";
        javaMail.put("mail." + protocol + ".timeout", Integer.toString(timeout));
        javaMail.put("mail." + protocol + ".writetimeout", Integer.toString(timeout));
        if (!ssl && settings.getBoolean("alerts.mail.starttls", true)) {
            javaMail.put("mail.smtp.starttls.enable", "true");
            javaMail.put("mail.smtp.starttls.required", "true");
        }
        mail.setAdditionalJavaMailProperties(javaMail);
        return smtp;
    }

    /** Where no alert would be sent, a schedule still counts its misses (usagebridge_files_missed_total). */
    static boolean anything(UsageBridgeSettings settings) {
        return !channels(settings).isEmpty() || !settings.getList(FileSchedules.NAMES_KEY).isEmpty();
    }

    /** The bean that loads a channel's due alerts. */
    static String loaderOf(AlertChannel channel) {
        return channel == AlertChannel.WEBHOOK ? "dueWebhookAlertLoader" : "dueMailAlertLoader";
    }

    static String senderOf(AlertChannel channel) {
        return channel == AlertChannel.WEBHOOK ? "webhookAlertSender" : "mailAlertSender";
    }
}
