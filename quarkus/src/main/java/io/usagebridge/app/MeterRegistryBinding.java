package io.usagebridge.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.camel.quarkus.main.events.BeforeConfigure;

import io.micrometer.core.instrument.MeterRegistry;

/** Hands Quarkus' meter registry (exported at /q/metrics in Prometheus format) to the bundle's metrics. */
@ApplicationScoped
public class MeterRegistryBinding {

    @Inject
    MeterRegistry meterRegistry;

    void beforeConfigure(@Observes BeforeConfigure event) {
        event.getCamelContext().getRegistry().bind("usageBridgeMeterRegistry", meterRegistry);
    }
}
