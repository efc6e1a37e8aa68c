package io.usagebridge.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The fixed-width reading takes exactly what java.time's strict parsers take, and gives the same instant: checked
 * against those parsers (as DateTimeFormat read every value before) over valid, impossible and odd values of the
 * fixed shapes and their neighbours, in a zone with a daylight-saving change.
 */
class FixedWidthDateTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TARGET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void readsAndRefusesAsJavaTimesParsersDo() {
        DateTimeFormat format = new DateTimeFormat(BERLIN, ZoneOffset.ofHours(2), "yyyy-MM-dd HH:mm:ss");
        for (String value : values()) {
            String expected = javaTime(value);
            String actual;
            try {
                actual = format.normalise(value);
            } catch (InvalidValueException refused) {
                actual = "refused";
            }
            assertEquals(expected, actual, value);
            // a second read comes from what the format remembers: the same answer
            try {
                actual = format.normalise(value);
            } catch (InvalidValueException refused) {
                actual = "refused";
            }
            assertEquals(expected, actual, "again: " + value);
        }
    }

    private static List<String> values() {
        List<String> values = new ArrayList<>(List.of("2026-03-29 02:30:00", "2026-10-25 02:30:00",
                "2026-03-29T02:30:00", "2026-02-29", "2028-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
                "2026-11-01T24:00:00", "2026-11-01T23:59:60", "2026-11-01T10:15:00z", "2026-11-01t10:15:00Z",
                "2026-11-01 10:15:00Z", "2026-11-01T10:15:00+18:00", "2026-11-01T10:15:00+19:00",
                "2026-11-01T10:15:00-00:00", "2026-11-01T10:15:00+01:30", "2026-11-01T10:15:00+0100",
                "2026-11-01T10:15:00.5Z", "2026-11-01T10:15Z", "0000-01-01", "0001-01-01 00:00:00",
                "9999-12-31T23:59:59Z", "2026-11-01T10:15:00+01:00 ", "2026-1a-01", "2026/11/01",
                "2026-11-01X10:15:00", "2026-11-01T10-15-00", "+2026-11-01", "2026-11-01T10:15:00+01-00"));
        Random random = new Random(17);
        for (int i = 0; i < 3000; i++) {
            String date = String.format("%04d-%02d-%02d", 2020 + random.nextInt(10), random.nextInt(14),
                    random.nextInt(33));
            String time = String.format("%02d:%02d:%02d", random.nextInt(26), random.nextInt(61),
                    random.nextInt(62));
            String[] tails = {"", "Z", "+01:00", "-05:30", "+24:00"};
            switch (random.nextInt(4)) {
                case 0 -> values.add(date);
                case 1 -> values.add(date + " " + time);
                case 2 -> values.add(date + "T" + time);
                default -> values.add(date + "T" + time + tails[random.nextInt(tails.length)]);
            }
        }
        return values;
    }

    /** How DateTimeFormat read every value before the fixed-width forms: java.time's parsers in turn. */
    private static String javaTime(String raw) {
        String v = raw.trim();
        OffsetDateTime t = null;
        try {
            t = OffsetDateTime.parse(v);
        } catch (DateTimeParseException notOffset) {
            try {
                t = local(LocalDateTime.parse(v.replace(' ', 'T')));
            } catch (DateTimeParseException notLocal) {
                try {
                    t = local(LocalDateTime.parse(v, SPACED));
                } catch (DateTimeParseException notSpaced) {
                    try {
                        t = local(LocalDate.parse(v).atStartOfDay());
                    } catch (DateTimeParseException notDate) {
                        return "refused";
                    }
                }
            }
        }
        return TARGET.format(t.withOffsetSameInstant(ZoneOffset.ofHours(2)));
    }

    private static OffsetDateTime local(LocalDateTime t) {
        return ZonedDateTime.of(t, BERLIN).toOffsetDateTime();
    }
}
