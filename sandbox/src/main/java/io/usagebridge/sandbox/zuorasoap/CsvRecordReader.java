package io.usagebridge.sandbox.zuorasoap;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time: comma-separated, fields optionally in double quotes
 * (with {@code ""} for a quote, and line breaks allowed inside), records ended by CRLF, LF or
 * the end of input — a last line without a newline is a record. Each record carries the line
 * number it starts on, counting every line of the file from 1.
 */
final class CsvRecordReader {

    // a usage file is at most 4 MB, but a stray quote must not make one field swallow memory
    private static final int MAX_FIELD_CHARS = 1024 * 1024;

    /**
     * @param line   the line the record starts on (1 = the first line of the file)
     * @param values the fields, unquoted
     * @param blank  the line held nothing but whitespace
     */
    record CsvRecord(long line, List<String> values, boolean blank) {
    }

    private final Reader in;
    private long line = 1;
    private int peeked = -2;

    CsvRecordReader(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of input. */
    CsvRecord next() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        long startLine = line;
        List<String> values = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean anyQuote = false;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new IOException("line " + startLine + ": a quoted value is not closed");
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        append(field, '"', startLine);
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(field, (char) c, startLine);
                }
            } else if (c < 0 || c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c >= 0) {
                    line++;
                }
                values.add(field.toString());
                boolean blank = values.size() == 1 && !anyQuote && values.get(0).isBlank();
                return new CsvRecord(startLine, values, blank);
            } else if (c == ',') {
                values.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                anyQuote = true;
            } else {
                append(field, (char) c, startLine);
            }
            c = read();
        }
    }

    private static void append(StringBuilder field, char c, long startLine) throws IOException {
        if (field.length() >= MAX_FIELD_CHARS) {
            throw new IOException("line " + startLine + ": a value is longer than " + MAX_FIELD_CHARS + " characters");
        }
        field.append(c);
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }
}
