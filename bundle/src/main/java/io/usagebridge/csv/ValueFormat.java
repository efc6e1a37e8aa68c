package io.usagebridge.csv;

/** How one column's values are checked and written for a target. */
public interface ValueFormat {

    /**
     * Returns the value as the target wants it, or throws {@link InvalidValueException} saying what is wrong.
     * Never called with an empty value.
     */
    String normalise(String raw);

    /** Values pass through untouched. */
    ValueFormat TEXT = raw -> raw;
}
