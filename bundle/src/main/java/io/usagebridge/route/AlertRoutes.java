package io.usagebridge.route;

import org.apache.camel.builder.RouteBuilder;

/**
 * Alerts, apart from the delivery path: each tick raises alerts for what the ledger shows (a failed file, an
 * uncertain delivery, rows a target refused), each once whatever the number of instances, then sends the due ones to
 * the webhook, each taken by one instance under its lease; a failed attempt waits in the ledger for its next one.
 * Only when {@code alerts.webhook.url} is set.
 */
public class AlertRoutes extends RouteBuilder {

    /** The key that switches alerts on. */
    public static final String URL_KEY = "alerts.webhook.url";

    @Override
    public void configure() {
        if (!enabled()) {
            return;
        }
        from("timer:usagebridge-alerts?delay={{alerts.start-delay-ms:1000}}&period={{alerts.scan-interval-ms:10000}}")
                .routeId("alerts")
                .routeConfigurationId(ErrorHandlingConfiguration.TIMER_ERRORS)
                .process("alertScanner")
                .process("dueAlertLoader")
                .split(body())
                    .process("webhookAlertSender")
                .end();
    }

    private boolean enabled() {
        return getContext().getPropertiesComponent().resolveProperty(URL_KEY).filter(url -> !url.isBlank())
                .isPresent();
    }
}
