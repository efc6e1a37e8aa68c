package io.usagebridge.sandbox.zuora;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180) one at a time from a stream: quoted values may hold commas,
 * doubled quotes and line breaks; lines end in CRLF, LF or CR; a leading byte-order mark is
 * dropped; the last line needs no line break. A line with no characters at all is reported
 * as blank, so callers can skip it the way Zuora does.
 */
final class CsvRecordReader implements Closeable {

    private final Reader in;
    private int pushedBack = -2; // -2: nothing pushed back
    private boolean started;
    private long line = 1;

    CsvRecordReader(Reader in) {
        this.in = in;
    }

    /** One record: its values and the line it started on (1-based). */
    record CsvRecord(List<String> values, long line) {

        /** A line with nothing on it. */
        boolean blank() {
            return values.size() == 1 && values.get(0).isEmpty();
        }
    }

    /** The next record, or null at the end of the stream. */
    CsvRecord next() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c < 0) {
            return null;
        }
        long startLine = line;
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        boolean valueWasQuoted = false;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new CsvFormatException("quoted value opened on line " + startLine + " is never closed");
                }
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        value.append('"');
                    } else {
                        quoted = false;
                        c = after;
                        continue;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peekNot('\n'))) {
                        line++;
                    }
                    value.append((char) c);
                }
            } else if (c < 0 || c == '\n' || c == '\r') {
                if (c == '\r' && !peekNot('\n')) {
                    read(); // the LF of CRLF
                }
                if (c >= 0) {
                    line++;
                }
                values.add(value.toString());
                return new CsvRecord(List.copyOf(values), startLine);
            } else if (c == ',') {
                values.add(value.toString());
                value.setLength(0);
                valueWasQuoted = false;
            } else if (c == '"' && value.length() == 0 && !valueWasQuoted) {
                quoted = true;
                valueWasQuoted = true;
            } else {
                // a quote inside an unquoted value is kept as a character, as spreadsheets do
                value.append((char) c);
            }
            c = read();
        }
    }

    long lineNumber() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** True when the next character is not {@code expected} (or the stream ended); consumes nothing. */
    private boolean peekNot(char expected) throws IOException {
        int c = read();
        pushedBack = c;
        return c != expected;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    /** A CSV text that cannot be split into records. */
    static final class CsvFormatException extends IOException {
        CsvFormatException(String message) {
            super(message);
        }
    }
}
