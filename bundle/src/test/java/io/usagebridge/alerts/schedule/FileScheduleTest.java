package io.usagebridge.alerts.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.usagebridge.config.UsageBridgeSettings;

/** A schedule's windows (daily, weekly, in a zone with summer time), its pattern as LIKE, and its settings. */
class FileScheduleTest {

    @Test
    void aDailyWindowRunsFromYesterdaysDeadlineToTodaysOnceTodaysHasPassed() {
        FileSchedule daily = new FileSchedule("nightly", null, "usage-*.csv", null, LocalTime.of(2, 0),
                ZoneOffset.UTC, Duration.ofHours(2));
        assertEquals(new ScheduleWindow(Instant.parse("2026-12-01T04:00:00Z"), Instant.parse("2026-12-02T02:00:00Z"),
                Instant.parse("2026-12-02T04:00:00Z")), daily.lastClosedWindow(Instant.parse("2026-12-03T03:59:59Z")));
        assertEquals(Instant.parse("2026-12-03T04:00:00Z"),
                daily.lastClosedWindow(Instant.parse("2026-12-03T04:00:00Z")).deadline());
    }

    @Test
    void aWeeklyWindowInBerlinFollowsTheLocalTimeAcrossSummerTime() {
        FileSchedule weekly = new FileSchedule("insights", "intake-sftp", "*.csv", DayOfWeek.MONDAY,
                LocalTime.of(6, 0), ZoneId.of("Europe/Berlin"), Duration.ofHours(1));
        // Monday 30 March 2026, 07:00 in Berlin (summer time) is 05:00 UTC; the Monday before, 06:00 UTC
        ScheduleWindow window = weekly.lastClosedWindow(Instant.parse("2026-04-01T12:00:00Z"));
        assertEquals(Instant.parse("2026-03-30T05:00:00Z"), window.deadline());
        assertEquals(Instant.parse("2026-03-30T04:00:00Z"), window.expectedBy());
        assertEquals(Instant.parse("2026-03-23T06:00:00Z"), window.start());
        assertEquals(window, weekly.lastClosedWindow(Instant.parse("2026-04-06T04:59:59Z")), "before next deadline");
    }

    @Test
    void thePatternBecomesLikeWithItsOwnPercentAndUnderscoreLiteral() {
        FileSchedule s = new FileSchedule("s", null, "usage_?%*.csv", null, LocalTime.NOON, ZoneOffset.UTC,
                Duration.ZERO);
        assertEquals("usage\\__\\%%.csv", s.nameLike());
    }

    @Test
    void malformedSchedulesAreProblemsNamingTheirKeys() {
        List<String> problems = new ArrayList<>();
        List<FileSchedule> read = FileSchedules.read(settings(Map.of("alerts.schedules", "nightly, weekly, good",
                "alerts.schedules.nightly.every", "dialy", "alerts.schedules.nightly.by", "25:00",
                "alerts.schedules.weekly.pattern", "[a-z].csv", "alerts.schedules.weekly.every", "monday",
                "alerts.schedules.weekly.by", "06:00", "alerts.schedules.weekly.grace", "P8D",
                "alerts.schedules.good.pattern", "usage-*.csv", "alerts.schedules.good.every", "Daily",
                "alerts.schedules.good.by", "02:00")), problems);
        assertEquals(List.of("good"), read.stream().map(FileSchedule::name).toList());
        for (String key : List.of("alerts.schedules.nightly.pattern", "alerts.schedules.nightly.every",
                "alerts.schedules.nightly.by", "alerts.schedules.weekly.pattern", "alerts.schedules.weekly.grace")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(key)), key + " in " + problems);
        }
        assertEquals(5, problems.size(), problems.toString());
        assertEquals(ZoneOffset.UTC, read.get(0).zone());
        assertEquals(Duration.ZERO, read.get(0).grace());
    }

    private static UsageBridgeSettings settings(Map<String, String> values) {
        return new UsageBridgeSettings(key -> Optional.ofNullable(values.get(key)));
    }
}
