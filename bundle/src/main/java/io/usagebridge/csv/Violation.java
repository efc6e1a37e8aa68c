package io.usagebridge.csv;

import io.usagebridge.failure.FailureCode;

/** One broken rule with the line it was found on and the value (cut). */
public record Violation(FailureCode code, long line, String column, String value, String problem) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("line ").append(line);
        if (column != null) {
            s.append(", column ").append(column);
        }
        if (value != null) {
            String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
            s.append(", value '").append(shown).append('\'');
        }
        return s.append(": ").append(problem).toString();
    }
}
