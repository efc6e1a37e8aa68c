package io.usagebridge.csv;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.usagebridge.failure.CoreFailureCode;

/**
 * One file's row keys: derives each row's key (when the contract says so) and refuses a key seen on an earlier line.
 * Only a 64-bit hash of each key is kept, in a {@link LongSet}: 16 MB for the million rows of a 100 MB usage file
 * (25 MB for a moment while the table doubles), where the keys as strings would take ten times that. A 64-bit
 * collision among a million keys has a chance under 1 in 30 million (the birthday bound); the second read tells it
 * from a repeat.
 */
final class RowKeyCheck {

    private final RowKey rule;
    private final List<ColumnSpec> output;
    private final int keyIndex;
    private final int[] fromIndex;
    private final LongSet seen = new LongSet();
    /** Lines whose key repeats an earlier one, kept up to the chunker's violation cap. */
    private final Map<Long, String> repeats = new HashMap<>();
    private final Map<String, Long> firstLines = new HashMap<>();
    private long lastRepeat;

    private RowKeyCheck(RowKey rule, List<ColumnSpec> output) {
        this.rule = rule;
        this.output = output;
        this.keyIndex = indexOf(output, rule.column());
        this.fromIndex = rule.derivedFrom().stream().mapToInt(c -> indexOf(output, c)).toArray();
    }

    /** The check for a file written as {@code output}; null when it has no key column (the output is unchanged). */
    static RowKeyCheck of(RowKey rule, List<ColumnSpec> output) {
        return rule == null || indexOf(output, rule.column()) < 0 ? null : new RowKeyCheck(rule, output);
    }

    /**
     * Writes a derived key into the shaped row, then checks it against the earlier lines'.
     *
     * @return what is wrong (a key given where keys are derived, a repeated key), or null
     */
    Violation check(String[] shaped, long line) {
        if (rule.derived() && !shaped[keyIndex].isEmpty()) {
            return new Violation(CoreFailureCode.CSV_VALUE_INVALID, line, rule.column(), shaped[keyIndex],
                    "no value here: this target derives " + rule.column() + " from " + rule.derivedFrom()
                            + " (unique-key-columns), and a row has one identity; empty the column or drop it");
        }
        String key = keyOf(shaped);
        if (key == null) {
            return null;
        }
        shaped[keyIndex] = key;
        if (seen.add(hash64(key))) {
            return null;
        }
        repeats.put(line, key);
        lastRepeat = line;
        return repeated(line, key, null);
    }

    /** The row's key as written to the target, or null when it has none (blank) or gave one where keys are derived. */
    String keyOf(String[] shaped) {
        if (!rule.derived()) {
            return shaped[keyIndex].isEmpty() ? null : shaped[keyIndex];
        }
        if (!shaped[keyIndex].isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>(fromIndex.length);
        for (int i : fromIndex) {
            // a column the file lacks is blank in every row, as Zuora reads it
            values.add(i < 0 || shaped[i].isEmpty() ? "" : output.get(i).format().canonical(shaped[i]));
        }
        return rule.derive(values);
    }

    boolean repeatsFound() {
        return !repeats.isEmpty();
    }

    /** The second read stops here: every repeat's first line comes before it. */
    long lastRepeatLine() {
        return lastRepeat;
    }

    /** Second read: notes the first line of each repeated key. */
    void seenAt(String[] shaped, long line) {
        String key = keyOf(shaped);
        if (key != null && repeats.containsValue(key)) {
            firstLines.putIfAbsent(key, line);
        }
    }

    /** Puts each repeat's first line into its violation, now the second read has found them. */
    void nameFirstLines(List<Violation> violations) {
        for (int i = 0; i < violations.size(); i++) {
            Violation v = violations.get(i);
            String key = repeats.get(v.line());
            if (v.code() == CoreFailureCode.USAGE_KEY_DUPLICATE && key != null) {
                violations.set(i, repeated(v.line(), key, firstLines.get(key)));
            }
        }
    }

    private Violation repeated(long line, String key, Long firstLine) {
        if (firstLine != null && firstLine == line) {
            // the key first appears on this very line: its hash met another key's (see the class comment)
            return new Violation(CoreFailureCode.USAGE_KEY_DUPLICATE, line, null, null, "its " + rule.column() + " '"
                    + key + "' shares a 64-bit hash with an earlier row's (a chance under 1 in 30 million; not "
                    + "a repeat): send the file in two parts");
        }
        String earlier = firstLine == null ? "an earlier line" : "line " + firstLine;
        return new Violation(CoreFailureCode.USAGE_KEY_DUPLICATE, line, null, null, "has the " + rule.column()
                + " of " + earlier + ": '" + key + "'" + (rule.derived() ? " (derived from " + rule.derivedFrom()
                + ": the same values in those columns)" : "") + "; two rows with one key fail the whole import");
    }

    /** 64 bits of the key's SHA-256, spread evenly whatever the keys look like. */
    private static long hash64(String key) {
        return ByteBuffer.wrap(RowKey.sha256(key)).getLong();
    }

    private static int indexOf(List<ColumnSpec> output, String column) {
        for (int i = 0; i < output.size(); i++) {
            if (output.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }
}
