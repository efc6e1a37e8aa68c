package io.usagebridge.route;

import org.apache.camel.builder.RouteBuilder;

import io.usagebridge.ExchangeKeys;

/**
 * Follows jobs that targets process asynchronously: on each tick the deliveries due for a check are taken (each by
 * one instance, under its lease) and go to their target type's {@code direct:poll-<type>} route; then originals
 * whose jobs are all final move on. A failed check is asked again later, never dead-lettered: the job is still at
 * the target.
 */
public class RemoteStatusRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:usagebridge-remote-status?delay={{poll.start-delay-ms:1000}}&period={{poll.interval-ms:1000}}")
                .routeId("remote-status")
                .process("duePollLoader")
                .split(body())
                    .setProperty(ExchangeKeys.DELIVERY_ROW, body())
                    .setProperty(ExchangeKeys.DELIVERY_ID, simple("${body.id}"))
                    .setProperty(ExchangeKeys.TARGET, simple("${body.target}"))
                    .setProperty(ExchangeKeys.REMOTE_ID, simple("${body.remoteId}"))
                    // one status route per target type: direct:poll-zuora-rest-bulk, ...
                    .toD("direct:poll-${bean:targetCatalog?method=typeName(${body.target})}")
                .end()
                .process("waitingSourceFinaliser");
    }
}
