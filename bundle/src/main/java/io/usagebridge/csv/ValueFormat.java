package io.usagebridge.csv;

/** How one column's values are checked and written for a target. */
public interface ValueFormat {

    /**
     * Returns the value as the target wants it, or throws {@link InvalidValueException} saying what is wrong.
     * Never called with an empty value.
     */
    String normalise(String raw);

    /**
     * The value as a derived row key reads it ({@link RowKey}): the same for every way the target's format writes it
     * (a date in ISO form, whatever the tenant's pattern), so a change of the format's setting keeps every key;
     * spaces around a value are no part of it (text passes to the target as written, " A1" too). Called with a
     * normalised, non-empty value.
     */
    default String canonical(String normalised) {
        return normalised.strip();
    }

    /** Values pass through untouched. */
    ValueFormat TEXT = raw -> raw;
}
