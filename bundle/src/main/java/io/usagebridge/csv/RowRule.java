package io.usagebridge.csv;

import java.util.Map;

/** A check across the values of one row, such as a period's start not after its end. */
@FunctionalInterface
public interface RowRule {

    /** @return what is wrong with the row, or null when it passes. Values are keyed by column name, raw. */
    String check(Map<String, String> row);
}
