package io.usagebridge.alerts.schedule;

import java.time.Instant;

/**
 * One period of a schedule: the file is expected by {@code expectedBy} and is missed when none arrived from
 * {@code start} (the previous period's deadline) until {@code deadline} ({@code expectedBy} plus the grace).
 */
public record ScheduleWindow(Instant start, Instant expectedBy, Instant deadline) {
}
