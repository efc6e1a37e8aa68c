package io.usagebridge.csv;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * A point in time, read in the forms usage exports use (ISO-8601 with an offset; local date-time or date in
 * the source's zone) and written in the target's pattern at the target's fixed offset.
 */
public final class DateTimeFormat implements ValueFormat {

    /** Strict: 2026-11-31 is refused, not moved to the 30th. */
    private static final DateTimeFormatter LOCAL_WITH_SPACE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId sourceZone;
    private final ZoneOffset targetOffset;
    private final DateTimeFormatter targetPattern;

    public DateTimeFormat(ZoneId sourceZone, ZoneOffset targetOffset, String targetPattern) {
        this.sourceZone = sourceZone;
        this.targetOffset = targetOffset;
        this.targetPattern = DateTimeFormatter.ofPattern(targetPattern);
    }

    @Override
    public String normalise(String raw) {
        return targetPattern.format(parse(raw).withOffsetSameInstant(targetOffset));
    }

    /**
     * Tries the forms in turn, skipping those the value's shape rules out: a failed parse throws, and an exception
     * per value was most of a row's cost (a row's dates are read twice, by the value check and the row rule).
     */
    public OffsetDateTime parse(String raw) {
        String v = raw.trim();
        // a date alone (10 characters) holds no time, and no offset without a Z, a + or a - after the date
        boolean timed = v.length() > 10;
        if (timed && mayHoldOffset(v)) {
            try {
                return OffsetDateTime.parse(v);
            } catch (DateTimeParseException notOffset) {
                // fall through to the local forms
            }
        }
        if (timed) {
            try {
                return local(LocalDateTime.parse(v.replace(' ', 'T')));
            } catch (DateTimeParseException notLocalDateTime) {
                // fall through
            }
            try {
                return local(LocalDateTime.parse(v, LOCAL_WITH_SPACE));
            } catch (DateTimeParseException notSpaced) {
                // fall through
            }
        }
        try {
            return local(LocalDate.parse(v).atStartOfDay());
        } catch (DateTimeParseException notDate) {
            throw new InvalidValueException("an ISO-8601 date-time such as 2026-11-01T10:15:00Z, "
                    + "2026-11-01 10:15:00 or 2026-11-01");
        }
    }

    private static boolean mayHoldOffset(String v) {
        for (int i = 10; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 'Z' || c == 'z' || c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }

    private OffsetDateTime local(LocalDateTime t) {
        return ZonedDateTime.of(t, sourceZone).toOffsetDateTime();
    }
}
