package io.usagebridge.route;

import org.apache.camel.builder.RouteBuilder;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.delivery.ParkedRetryPreparer;

/**
 * Waiting as data: parked retries whose time has come are taken (each by one instance, under its lease) and sent
 * again through their target's send route, with the chunk of the first attempt; then originals whose deliveries are
 * all final move on. No thread sleeps for a retry, so the intake keeps flowing meanwhile.
 */
public class RetryRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:usagebridge-retries?delay={{deliver.retry.start-delay-ms:1000}}"
                + "&period={{deliver.retry.scan-interval-ms:1000}}")
                .routeId("retry-parked")
                .routeConfigurationId(ErrorHandlingConfiguration.TIMER_ERRORS)
                .process("dueRetryLoader")
                .split(body())
                    .process("parkedRetryPreparer")
                    .filter(exchangeProperty(ParkedRetryPreparer.READY))
                        .to("direct:resend-parked")
                    .end()
                .end()
                .process("waitingSourceFinaliser");

        // the send route called under the pipeline's error handling, as the deliver route calls it: a failure a send
        // route leaves to its caller (one raised inside its doTry, e.g. http-multipart's) is dead-lettered (parked
        // again with backoff, or final) instead of reaching the timer's handler, which would retry it every round
        from("direct:resend-parked").routeId("resend-parked")
                .routeConfigurationId(ErrorHandlingConfiguration.ID)
                .toD("direct:${bean:targetCatalog?method=sendEndpoint(${exchangeProperty." + ExchangeKeys.TARGET + "})}");
    }
}
