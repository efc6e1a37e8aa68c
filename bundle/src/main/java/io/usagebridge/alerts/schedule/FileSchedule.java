package io.usagebridge.alerts.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * A file expected from a source every day (or every week on {@code weekday}) by a local time in a zone, with a
 * grace: {@code source} an intake's route id or folder (null: any intake), {@code pattern} a glob of the names
 * ({@code *} and {@code ?}). Each period's window runs from the previous period's deadline to this one's, so windows
 * never overlap and every arrival counts for exactly one period.
 */
public record FileSchedule(String name, String source, String pattern, DayOfWeek weekday, LocalTime by,
                           ZoneId zone, Duration grace) {

    /** Daily when {@code weekday} is null. */
    public boolean daily() {
        return weekday == null;
    }

    public Duration period() {
        return daily() ? Duration.ofDays(1) : Duration.ofDays(7);
    }

    /** The latest period whose deadline has passed at {@code now}. */
    public ScheduleWindow lastClosedWindow(Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate();
        if (!daily()) {
            day = day.with(TemporalAdjusters.nextOrSame(weekday));
        }
        // the grace is shorter than a period: the deadline due is at most two periods back from today's (or the next)
        while (deadline(day).isAfter(now)) {
            day = previous(day);
        }
        return new ScheduleWindow(deadline(previous(day)), expectedBy(day), deadline(day));
    }

    /** The name pattern as SQL LIKE, escaped with a backslash. */
    public String nameLike() {
        StringBuilder like = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                case '%', '_', '\\' -> like.append('\\').append(c);
                default -> like.append(c);
            }
        }
        return like.toString();
    }

    private LocalDate previous(LocalDate day) {
        return daily() ? day.minusDays(1) : day.minusWeeks(1);
    }

    private Instant expectedBy(LocalDate day) {
        return ZonedDateTime.of(day, by, zone).toInstant();
    }

    private Instant deadline(LocalDate day) {
        return expectedBy(day).plus(grace);
    }
}
