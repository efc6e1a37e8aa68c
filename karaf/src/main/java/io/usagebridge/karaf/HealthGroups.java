package io.usagebridge.karaf;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;

import io.usagebridge.health.HealthStatus;
import io.usagebridge.health.IntakeLivenessCheck;
import io.usagebridge.health.LedgerHealthCheck;
import io.usagebridge.health.TargetReachabilityCheck;

/**
 * The route bundle's checks in the groups the Quarkus app reports them in: readiness (ledger, targets), liveness
 * (intake), and started. The checks themselves live in the bundle and are found in the running context's registry;
 * before the context has started every check is DOWN, as on Quarkus.
 */
final class HealthGroups {

    static final String NOT_STARTED = "UsageBridge is not started yet";

    private final Supplier<CamelContext> startedContext;

    /** {@code startedContext} gives the context once it has started, null before. */
    HealthGroups(Supplier<CamelContext> startedContext) {
        this.startedContext = startedContext;
    }

    HealthReport readiness() {
        return new HealthReport(List.of(
                run("ledger", "ledgerHealthCheck", LedgerHealthCheck.class, LedgerHealthCheck::check),
                run("targets", "targetReachabilityCheck", TargetReachabilityCheck.class,
                        TargetReachabilityCheck::check)));
    }

    HealthReport liveness() {
        return new HealthReport(List.of(
                run("intake", "intakeLivenessCheck", IntakeLivenessCheck.class, IntakeLivenessCheck::check)));
    }

    /** What a startup probe waits for: the context started (Flyway on the ledger and every route included). */
    HealthReport started() {
        CamelContext context = startedContext.get();
        HealthStatus status = context == null
                ? new HealthStatus("usagebridge", false, Map.of("context", "not started"))
                : new HealthStatus("usagebridge", true, Map.of("context", "started",
                        "routes", String.valueOf(context.getRoutesSize())));
        return new HealthReport(List.of(status));
    }

    HealthReport all() {
        return started().and(liveness()).and(readiness());
    }

    /** One check; one that cannot run (not started, or it threw) is DOWN with the reason, never an HTTP 500. */
    private <T> HealthStatus run(String name, String bean, Class<T> type, Function<T, HealthStatus> check) {
        CamelContext context = startedContext.get();
        T found = context == null ? null : context.getRegistry().lookupByNameAndType(bean, type);
        if (found == null) {
            return new HealthStatus(name, false, Map.of("error", NOT_STARTED));
        }
        try {
            return check.apply(found);
        } catch (RuntimeException e) {
            return new HealthStatus(name, false, Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
