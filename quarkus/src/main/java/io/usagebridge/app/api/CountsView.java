package io.usagebridge.app.api;

import java.time.Instant;
import java.util.Map;

/**
 * Counts over a time range (files received in it): files per state, and deliveries per target and state.
 */
public record CountsView(Instant from, Instant to, Map<String, Long> files, Map<String, Map<String, Long>> targets) {
}
