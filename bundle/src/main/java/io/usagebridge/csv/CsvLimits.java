package io.usagebridge.csv;

/**
 * How long a CSV record and a field may be, in characters as written in the file (quotes, separators and line
 * breaks inside quotes included). Enforced while the file streams, so a runaway record (one unterminated quote
 * turns the rest of a file into one field) fails the file with its line instead of filling the heap.
 *
 * @param maxRecordChars {@code csv.max-record-chars}, default 1 MiB of characters
 * @param maxFieldChars  {@code csv.max-field-chars}, default 64 KiB of characters
 */
public record CsvLimits(int maxRecordChars, int maxFieldChars) {

    public static final String MAX_RECORD_CHARS_KEY = "csv.max-record-chars";
    public static final String MAX_FIELD_CHARS_KEY = "csv.max-field-chars";
    public static final int DEFAULT_MAX_RECORD_CHARS = 1024 * 1024;
    public static final int DEFAULT_MAX_FIELD_CHARS = 64 * 1024;
    public static final CsvLimits DEFAULT = new CsvLimits(DEFAULT_MAX_RECORD_CHARS, DEFAULT_MAX_FIELD_CHARS);

    public CsvLimits {
        if (maxRecordChars < 1 || maxFieldChars < 1) {
            throw new IllegalArgumentException(MAX_RECORD_CHARS_KEY + " and " + MAX_FIELD_CHARS_KEY
                    + " must be positive, were " + maxRecordChars + " and " + maxFieldChars);
        }
        if (maxFieldChars > maxRecordChars) {
            throw new IllegalArgumentException(MAX_FIELD_CHARS_KEY + " (" + maxFieldChars + ") must not exceed "
                    + MAX_RECORD_CHARS_KEY + " (" + maxRecordChars + ")");
        }
    }
}
