package io.usagebridge.route;

import org.apache.camel.builder.RouteBuilder;

import io.usagebridge.ExchangeKeys;

/**
 * Where the target can tell, an uncertain send is looked up before anyone is asked: each due one goes to its target
 * type's {@code direct:lookup-<type>} route (e.g. query the Zuora Import by Name and Md5); found, its job is followed;
 * proven absent, it is sent again. A lookup that fails is asked again later; after the last one an operator resolves.
 */
public class UncertainLookupRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:usagebridge-lookups?delay={{resolve.lookup.start-delay-ms:5000}}"
                + "&period={{resolve.lookup.interval-ms:30000}}")
                .routeId("lookup-uncertain")
                .routeConfigurationId(ErrorHandlingConfiguration.TIMER_ERRORS)
                .process("dueLookupLoader")
                .split(body())
                    .to("direct:lookup-uncertain-one")
                .end();

        from("direct:lookup-uncertain-one").routeId("lookup-uncertain-one")
                .onException(Throwable.class)
                    .handled(true)
                    .process("lookupFailureRecorder")
                .end()
                .process("lookupPreparer")
                .toD("direct:lookup-${bean:targetCatalog?method=typeName(${exchangeProperty." + ExchangeKeys.TARGET
                        + "})}")
                .process("lookupOutcomeRecorder");
    }
}
