package io.usagebridge.csv;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** A calendar date in the target's own pattern (e.g. the Zuora tenant's MM/dd/yyyy); checked, passed unchanged. */
public final class DateFormat implements ValueFormat {

    private final String pattern;
    private final DateTimeFormatter formatter;

    public DateFormat(String pattern) {
        this.pattern = pattern;
        this.formatter = DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"))
                .withResolverStyle(ResolverStyle.STRICT);
    }

    @Override
    public String normalise(String raw) {
        parse(raw);
        return raw.trim();
    }

    /** ISO (2026-11-01): a row keeps its derived key when the tenant's date format changes. */
    @Override
    public String canonical(String normalised) {
        return parse(normalised).toString();
    }

    /** The date a value names, for rules across columns (a period's start not after its end). */
    public LocalDate parse(String raw) {
        try {
            return LocalDate.parse(raw.trim(), formatter);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("a date in the tenant's format " + pattern);
        }
    }
}
