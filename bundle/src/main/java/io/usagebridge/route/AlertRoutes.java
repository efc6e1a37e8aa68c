package io.usagebridge.route;

import java.util.Set;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

import io.usagebridge.alerts.ledger.AlertChannel;
import io.usagebridge.config.UsageBridgeSettings;

/**
 * Alerts, apart from the delivery path: each tick raises alerts for what the ledger shows (a failed file, an
 * uncertain delivery, rows a target refused) and for files a schedule expected that did not come, each once whatever
 * the number of instances, then sends the due ones on each channel configured (the webhook, mail), each taken by one
 * instance under its lease; a failed attempt waits in the ledger for its next one, a channel's outage delays only its
 * own sends. Only when a channel or a schedule is configured.
 */
public class AlertRoutes extends RouteBuilder {

    /** The key that switches the webhook on. */
    public static final String URL_KEY = "alerts.webhook.url";

    @Override
    public void configure() {
        UsageBridgeSettings settings = UsageBridgeSettings.of(getContext());
        if (!AlertWiring.anything(settings)) {
            return;
        }
        Set<AlertChannel> channels = AlertWiring.channels(settings);
        RouteDefinition route = from("timer:usagebridge-alerts?delay={{alerts.start-delay-ms:1000}}"
                + "&period={{alerts.scan-interval-ms:10000}}")
                .routeId("alerts")
                .routeConfigurationId(ErrorHandlingConfiguration.TIMER_ERRORS);
        if (!channels.isEmpty()) {
            route.process("alertScanner");
        }
        route.process("missedFileScanner");
        for (AlertChannel channel : channels) {
            route.process(AlertWiring.loaderOf(channel))
                    .split(body())
                        .process(AlertWiring.senderOf(channel))
                    .end();
        }
    }
}
