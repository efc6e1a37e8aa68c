package io.usagebridge.route;

import org.apache.camel.builder.RouteBuilder;

import io.usagebridge.ExchangeKeys;

/**
 * {@code direct:deliver}, one target's slice of a file: cut it into chunks (along the rows an earlier delivery of
 * the same content was claimed with, if any), record the whole plan, claim each chunk, and hand each claimed chunk to
 * the target's send route ({@code direct:send-<target>}, made by a templatedRoute in routes/). The same for every
 * target: the core knows no target by name.
 */
public class DeliverRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:deliver").routeId("deliver")
                .routeConfigurationId(ErrorHandlingConfiguration.ID)
                .setProperty(ExchangeKeys.STAGE, constant("validate"))
                .process("chunkPlanLoader")
                .process("deliveryChunker")
                .setProperty(ExchangeKeys.STAGE, constant("claim"))
                .process("deliveryPlanner")
                .split(body())
                    .setProperty(ExchangeKeys.CHUNK, body())
                    .setProperty(ExchangeKeys.STAGE, constant("claim"))
                    .process("deliveryClaimer")
                    .filter(exchangeProperty(ExchangeKeys.CLAIMED))
                        .toD("direct:${bean:targetCatalog?method=sendEndpoint(${exchangeProperty."
                                + ExchangeKeys.TARGET + "})}")
                    .end()
                .end();
    }
}
