package io.usagebridge.csv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A target's row identity: the column that holds it (Zuora's UNIQUE_KEY) and, when {@code derivedFrom} is not empty,
 * the columns it is derived from. Two rows of one file with one key are refused before sending (the target fails
 * the whole import on them); a blank key is none.
 */
public record RowKey(String column, List<String> derivedFrom) {

    // a unit and a record separator: both control characters, which no value may hold, so no two rows join alike
    private static final char NAME_END = '\u001F';
    private static final char VALUE_END = '\u001E';
    /** 128 bits as hex: room for any number of rows, within a key column of 50 characters (Zuora's names are). */
    static final int DERIVED_LENGTH = 32;

    public RowKey {
        derivedFrom = List.copyOf(derivedFrom);
    }

    /** Keys given in the file (if it has the column), checked for repeats only. */
    public static RowKey given(String column) {
        return new RowKey(column, List.of());
    }

    public boolean derived() {
        return !derivedFrom.isEmpty();
    }

    /**
     * The key of a row whose {@link #derivedFrom} columns hold {@code values} (canonical, in that order): the first
     * 32 hex characters of SHA-256 over each column's name and value. Nothing else enters it (no counter, time or
     * file name), so a replay, a resend, another chunk cut or a restart gives every row the key it had.
     */
    public String derive(List<String> values) {
        if (values.size() != derivedFrom.size()) {
            throw new IllegalArgumentException(values.size() + " values for " + derivedFrom);
        }
        StringBuilder text = new StringBuilder(128);
        for (int i = 0; i < values.size(); i++) {
            text.append(derivedFrom.get(i)).append(NAME_END).append(values.get(i)).append(VALUE_END);
        }
        return HexFormat.of().formatHex(sha256(text.toString())).substring(0, DERIVED_LENGTH);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
