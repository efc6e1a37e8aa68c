package io.usagebridge.csv;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The forms nearly every usage export writes, read by position instead of by java.time's general parser (a map of
 * fields and a resolver per value: most of a row's cost on a large file). Only the exact shapes below are taken;
 * any other shape returns null and the general parsers decide, so what is accepted does not change.
 * <ul>
 *   <li>{@code 2026-11-01} and {@code 2026-11-01T10:15:00} / {@code 2026-11-01 10:15:00}: local, in the source zone;</li>
 *   <li>{@code 2026-11-01T10:15:00Z} and {@code 2026-11-01T10:15:00+01:00}: with their own offset.</li>
 * </ul>
 * A value of one of these shapes that names no real time (the 31st of November, hour 25) throws
 * {@link DateTimeException}, as the strict parsers refuse it too.
 */
final class FixedWidthDateTimes {

    private FixedWidthDateTimes() {
    }

    static OffsetDateTime read(String v, ZoneId sourceZone) {
        int length = v.length();
        if ((length != 10 && length != 19 && length != 20 && length != 25) || !isDate(v)) {
            return null;
        }
        int year = number(v, 0, 4);
        int month = number(v, 5, 2);
        int day = number(v, 8, 2);
        if (length == 10) {
            return ZonedDateTime.of(LocalDate.of(year, month, day).atStartOfDay(), sourceZone).toOffsetDateTime();
        }
        char separator = v.charAt(10);
        if ((separator != 'T' && separator != ' ') || !isTime(v)) {
            return null;
        }
        LocalDateTime time = LocalDateTime.of(year, month, day, number(v, 11, 2), number(v, 14, 2),
                number(v, 17, 2));
        if (length == 19) {
            return ZonedDateTime.of(time, sourceZone).toOffsetDateTime();
        }
        // an offset only after a 'T', as in ISO-8601's offset form: 2026-11-01 10:15:00Z is refused
        if (separator != 'T') {
            return null;
        }
        char zone = v.charAt(19);
        if (length == 20) {
            return zone == 'Z' || zone == 'z' ? OffsetDateTime.of(time, ZoneOffset.UTC) : null;
        }
        if ((zone != '+' && zone != '-') || !digits(v, 20, 2) || v.charAt(22) != ':' || !digits(v, 23, 2)) {
            return null;
        }
        int sign = zone == '-' ? -1 : 1;
        return OffsetDateTime.of(time, ZoneOffset.ofHoursMinutes(sign * number(v, 20, 2), sign * number(v, 23, 2)));
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss}, the pattern 2Checkout takes, written without a formatter; null outside the years
     * 1 to 9999 (where the pattern's year-of-era is not the plain four digits).
     */
    static String writeSpaced(OffsetDateTime t) {
        int year = t.getYear();
        if (year < 1 || year > 9999) {
            return null;
        }
        char[] out = new char[19];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, t.getDayOfMonth(), 2);
        out[10] = ' ';
        put(out, 11, t.getHour(), 2);
        out[13] = ':';
        put(out, 14, t.getMinute(), 2);
        out[16] = ':';
        put(out, 17, t.getSecond(), 2);
        return new String(out);
    }

    private static boolean isDate(String v) {
        return digits(v, 0, 4) && v.charAt(4) == '-' && digits(v, 5, 2) && v.charAt(7) == '-' && digits(v, 8, 2);
    }

    private static boolean isTime(String v) {
        return digits(v, 11, 2) && v.charAt(13) == ':' && digits(v, 14, 2) && v.charAt(16) == ':'
                && digits(v, 17, 2);
    }

    private static boolean digits(String v, int from, int count) {
        for (int i = from; i < from + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String v, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            n = n * 10 + (v.charAt(i) - '0');
        }
        return n;
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
