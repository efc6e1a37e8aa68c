package io.usagebridge.app;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import io.usagebridge.health.HealthStatus;
import io.usagebridge.health.IntakeLivenessCheck;
import io.usagebridge.health.LedgerHealthCheck;
import io.usagebridge.health.TargetReachabilityCheck;

/** The bundle's checks as Quarkus health (/q/health/ready, /q/health/live); the logic lives in the bundle. */
public final class UsageBridgeHealthChecks {

    private UsageBridgeHealthChecks() {
    }

    static HealthCheckResponse report(String fallbackName, Supplier<HealthStatus> check) {
        HealthStatus status;
        try {
            status = check.get();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(fallbackName).down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(status.name()).status(status.up());
        status.details().forEach(builder::withData);
        return builder.build();
    }

    static <T> T bean(CamelContext context, String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("UsageBridge is not started yet");
        }
        return bean;
    }

    @Readiness
    @ApplicationScoped
    public static class Ledger implements HealthCheck {
        @Inject
        CamelContext context;

        @Override
        public HealthCheckResponse call() {
            return report("ledger", () -> bean(context, "ledgerHealthCheck", LedgerHealthCheck.class).check());
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Targets implements HealthCheck {
        @Inject
        CamelContext context;

        @Override
        public HealthCheckResponse call() {
            return report("targets",
                    () -> bean(context, "targetReachabilityCheck", TargetReachabilityCheck.class).check());
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Intake implements HealthCheck {
        @Inject
        CamelContext context;

        @Override
        public HealthCheckResponse call() {
            return report("intake", () -> bean(context, "intakeLivenessCheck", IntakeLivenessCheck.class).check());
        }
    }
}
