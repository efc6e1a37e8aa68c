package io.usagebridge.route;

import org.apache.camel.builder.RouteBuilder;

/** The lease heartbeat: renew what this instance holds, take over what expired elsewhere (see LeaseKeeper). */
public class LeaseRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:usagebridge-leases?delay=0&period={{ledger.heartbeat-ms:15000}}")
                .routeId("lease-heartbeat")
                .routeConfigurationId(ErrorHandlingConfiguration.TIMER_ERRORS)
                .process("leaseKeeper");
    }
}
