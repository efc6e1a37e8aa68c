package io.usagebridge.karaf;

import java.util.ArrayList;
import java.util.List;

import io.usagebridge.health.HealthStatus;

/** The checks of one health group; the group is UP only when every check is. */
record HealthReport(List<HealthStatus> checks) {

    boolean up() {
        return checks.stream().allMatch(HealthStatus::up);
    }

    HealthReport and(HealthReport other) {
        List<HealthStatus> both = new ArrayList<>(checks);
        both.addAll(other.checks);
        return new HealthReport(List.copyOf(both));
    }
}
