package io.usagebridge.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

import io.usagebridge.intake.IntakePollMonitor;
import io.usagebridge.intake.IntakeTemplates;

/**
 * Liveness: every started intake consumer (a route of an intake template, or named {@code intake-*}) has finished a
 * poll recently, and none is stuck inside one. A hung SFTP consumer (a poll that never returns) or a scheduler that
 * stopped firing is DOWN, so the runtime restarts the app; a poll that fails (server down) is alive and shows its
 * error.
 */
public final class IntakeLivenessCheck {

    private final CamelContext context;
    private final IntakePollMonitor monitor;
    private final Duration stallAfter;
    private final Clock clock;
    private final Instant startedAt;

    public IntakeLivenessCheck(CamelContext context, IntakePollMonitor monitor, Duration stallAfter, Clock clock) {
        this.context = context;
        this.monitor = monitor;
        this.stallAfter = stallAfter;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public HealthStatus check() {
        Instant now = clock.instant();
        Map<String, String> details = new LinkedHashMap<>();
        boolean up = true;
        for (Route route : context.getRoutes()) {
            if (!isIntake(route) || context.getRouteController().getRouteStatus(route.getRouteId()) != ServiceStatus.Started) {
                continue;
            }
            var state = monitor.state(route.getRouteId()).orElse(null);
            String verdict;
            if (state != null && state.pollStarted() != null && state.pollStarted().plus(stallAfter).isBefore(now)) {
                verdict = "stuck in a poll since " + state.pollStarted();
            } else {
                Instant last = state == null || state.lastFinished() == null ? startedAt : state.lastFinished();
                verdict = last.plus(stallAfter).isBefore(now) ? "no poll finished since " + last : null;
            }
            up &= verdict == null;
            details.put(route.getRouteId(), verdict == null ? "polling"
                    + (state != null && state.lastError() != null ? " (last error: " + state.lastError() + ")" : "")
                    : verdict);
        }
        return new HealthStatus("intake", up, details);
    }

    /** Made from an intake template (whatever its id), or named as an intake written by hand. */
    private static boolean isIntake(Route route) {
        return IntakeTemplates.GROUP.equals(route.getGroup()) || route.getRouteId().startsWith("intake-");
    }
}
