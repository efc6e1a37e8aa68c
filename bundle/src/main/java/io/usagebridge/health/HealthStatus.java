package io.usagebridge.health;

import java.util.Map;

/** One check's verdict with what an operator needs to see why; runtimes (Quarkus, Karaf) only report it. */
public record HealthStatus(String name, boolean up, Map<String, String> details) {
}
