package io.usagebridge.csv;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A point in time, read in the forms usage exports use (ISO-8601 with an offset; local date-time or date in
 * the source's zone) and written in the target's pattern at the target's fixed offset.
 */
public final class DateTimeFormat implements ValueFormat {

    /** Strict: 2026-11-31 is refused, not moved to the 30th. */
    private static final DateTimeFormatter LOCAL_WITH_SPACE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    /** 2Checkout's pattern, written by position. */
    private static final String SPACED = "yyyy-MM-dd HH:mm:ss";
    /**
     * Distinct values remembered per format: a usage file repeats its periods (a day's rows share a start and an
     * end), and a row's dates are read twice (the value check and the row rule). Bounded: event-level timestamps
     * fill it once and then go the fixed-width way, still without java.time's parser.
     */
    private static final int REMEMBERED = 4096;

    private final ZoneId sourceZone;
    private final ZoneOffset targetOffset;
    private final DateTimeFormatter targetPattern;
    private final boolean spaced;
    private final Map<String, OffsetDateTime> remembered = new ConcurrentHashMap<>();

    public DateTimeFormat(ZoneId sourceZone, ZoneOffset targetOffset, String targetPattern) {
        this.sourceZone = sourceZone;
        this.targetOffset = targetOffset;
        this.targetPattern = DateTimeFormatter.ofPattern(targetPattern);
        this.spaced = SPACED.equals(targetPattern);
    }

    @Override
    public String normalise(String raw) {
        OffsetDateTime target = parse(raw).withOffsetSameInstant(targetOffset);
        String written = spaced ? FixedWidthDateTimes.writeSpaced(target) : null;
        return written != null ? written : targetPattern.format(target);
    }

    /**
     * A value seen before is known; else the fixed-width forms are read by position, and only another shape goes
     * through java.time's parsers, trying the forms in turn and skipping those the shape rules out (a failed parse
     * throws, and an exception per value was most of a row's cost).
     */
    public OffsetDateTime parse(String raw) {
        OffsetDateTime known = remembered.get(raw);
        if (known != null) {
            return known;
        }
        OffsetDateTime parsed = read(raw.trim());
        if (remembered.size() < REMEMBERED) {
            remembered.put(raw, parsed);
        }
        return parsed;
    }

    private OffsetDateTime read(String v) {
        try {
            OffsetDateTime fixed = FixedWidthDateTimes.read(v, sourceZone);
            if (fixed != null) {
                return fixed;
            }
        } catch (DateTimeException impossible) {
            throw invalid();
        }
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
            throw invalid();
        }
    }

    private static InvalidValueException invalid() {
        return new InvalidValueException("an ISO-8601 date-time such as 2026-11-01T10:15:00Z, 2026-11-01 10:15:00 "
                + "or 2026-11-01");
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
