package io.usagebridge.alerts.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.usagebridge.config.UsageBridgeSettings;

/**
 * The schedules of expected files, from configuration: {@code alerts.schedules} lists their names, each one's keys
 * are {@code alerts.schedules.<name>.source} (optional), {@code .pattern}, {@code .every} ({@code daily} or a day of
 * the week), {@code .by} (HH:mm), {@code .zone} (UTC by default), {@code .grace} (ISO-8601, PT0S by default). A
 * malformed one is a start-up problem naming its key.
 */
public final class FileSchedules {

    public static final String NAMES_KEY = "alerts.schedules";

    private FileSchedules() {
    }

    /** The well-formed schedules; each problem of the others, naming its key, is added to {@code problems}. */
    public static List<FileSchedule> read(UsageBridgeSettings settings, List<String> problems) {
        List<FileSchedule> schedules = new ArrayList<>();
        for (String name : settings.getList(NAMES_KEY)) {
            String prefix = NAMES_KEY + "." + name + ".";
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,59}")) {
                problems.add(NAMES_KEY + " names '" + name + "': a schedule's name is letters, digits, - and _");
                continue;
            }
            int before = problems.size();
            UsageBridgeSettings keys = settings.under(prefix);
            String pattern = keys.get("pattern").orElse(null);
            if (pattern == null) {
                problems.add(prefix + "pattern is missing: a glob of the expected file names, e.g. usage-*.csv");
            } else if (pattern.matches(".*[\\[\\]{}/].*")) {
                problems.add(prefix + "pattern = " + pattern + ": only * and ? are wildcards, and it matches a name "
                        + "(no folder)");
            }
            DayOfWeek weekday = weekday(keys.get("every").orElse(null), prefix + "every", problems);
            LocalTime by = parsed(keys, "by", prefix, problems, LocalTime::parse, "a local time such as 02:00");
            ZoneId zone = keys.get("zone").isEmpty() ? ZoneOffset.UTC
                    : parsed(keys, "zone", prefix, problems, ZoneId::of, "a zone such as UTC or Europe/Berlin");
            Duration grace = keys.get("grace").isEmpty() ? Duration.ZERO
                    : parsed(keys, "grace", prefix, problems, Duration::parse, "an ISO-8601 duration such as PT2H");
            if (grace != null && (grace.isNegative() || grace.compareTo(weekday == null ? Duration.ofDays(1)
                    : Duration.ofDays(7)) >= 0)) {
                problems.add(prefix + "grace = " + grace + ": at least zero and shorter than the period (a day, or a "
                        + "week)");
            }
            if (problems.size() == before) {
                schedules.add(new FileSchedule(name, keys.get("source").orElse(null), pattern, weekday, by, zone,
                        grace));
            }
        }
        return schedules;
    }

    /** Null for daily. */
    private static DayOfWeek weekday(String every, String key, List<String> problems) {
        if (every == null) {
            problems.add(key + " is missing: daily, or a day of the week (monday ... sunday)");
            return null;
        }
        if (every.equalsIgnoreCase("daily")) {
            return null;
        }
        try {
            return DayOfWeek.valueOf(every.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(key + " = " + every + ": daily, or a day of the week (monday ... sunday)");
            return null;
        }
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private static <T> T parsed(UsageBridgeSettings keys, String key, String prefix, List<String> problems,
                                Parser<T> parser, String expected) {
        Optional<String> value = keys.get(key);
        if (value.isEmpty()) {
            problems.add(prefix + key + " is missing: " + expected);
            return null;
        }
        try {
            return parser.parse(value.get());
        } catch (DateTimeException | IllegalArgumentException e) {
            problems.add(prefix + key + " = " + value.get() + ": not " + expected);
            return null;
        }
    }
}
