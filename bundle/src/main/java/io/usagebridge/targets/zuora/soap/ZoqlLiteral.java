package io.usagebridge.targets.zuora.soap;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Values as ZOQL text, so a value can never end its literal early and change the query. A string is
 * single-quoted with ZOQL's backslash escapes for the quote and the backslash; control characters are refused
 * rather than escaped (an Import Name made from a file name has none, and XML 1.0 cannot carry most of them).
 */
final class ZoqlLiteral {

    /*
     * ZOQL documents dateTimes as YYYY-MM-DDThh:mm:ss, with an optional [+-]hh:mm offset. Without one Zuora reads
     * the wall time in its default zone (Pacific before WSDL 69, the tenant's after), so the offset is always
     * written. No fraction: whole seconds is the documented form.
     */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);

    private ZoqlLiteral() {
    }

    static String string(String value) {
        StringBuilder literal = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format(
                        "a ZOQL string value must not hold control character U+%04X: %s", (int) c, value));
            }
            if (c == '\'' || c == '\\') {
                literal.append('\\');
            }
            literal.append(c);
        }
        return literal.append('\'').toString();
    }

    /** Quoted, in UTC, cut down to the second (earlier, never later, than {@code instant}). */
    static String dateTime(Instant instant) {
        return '\'' + DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS)) + '\'';
    }
}
