package io.usagebridge.targets.zuora.soap;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;

import io.usagebridge.config.UsageBridgeSettings;

/**
 * {@value ZuoraImportLookup#ENDPOINT}: finds the Import an UNCERTAIN create() may have made, so the delivery can
 * be resolved without an operator (see {@link ZuoraImportLookup} for the properties in and out). The query() goes
 * through the shared {@code direct:zuora-soap-call}, with the target's session. Like that route it has no error
 * handler: a failure returns to the caller, which asks again later.
 */
public class ZuoraSoapLookupRoutes extends RouteBuilder {

    @Override
    public void configure() {
        Duration clockSkew = Duration.ofMillis(UsageBridgeSettings.of(getContext()).getLong(
                ZuoraImportLookup.CLOCK_SKEW_SETTING, ZuoraImportLookup.DEFAULT_CLOCK_SKEW_MS));

        from(ZuoraImportLookup.ENDPOINT).routeId(ZuoraImportLookup.ROUTE_ID)
                .errorHandler(noErrorHandler())
                .process(new ZuoraImportLookupRequest(clockSkew))
                .to("direct:zuora-soap-call")
                .process(new ZuoraImportLookupReader());
    }
}
