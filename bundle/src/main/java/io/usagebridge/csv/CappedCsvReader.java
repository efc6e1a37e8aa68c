package io.usagebridge.csv;

import java.io.IOException;
import java.io.Reader;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Sits between the decoder and the CSV parser and follows the dialect of {@link CsvFormats#READ} (comma, double
 * quotes opening a field only at its start, {@code ""} inside quotes) just far enough to know where records and
 * fields end. It refuses a record or field over its {@link CsvLimits} before handing the parser the character that
 * crosses the cap, so the parser never buffers more than the cap; and it names the line the record started on (or
 * the quote opened on), which the parser alone cannot do once a quote has run away.
 */
final class CappedCsvReader extends Reader {

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private final CsvLimits limits;
    private State state = State.FIELD_START;
    /** The physical line of the next character (LF, CR and CRLF each end one). */
    private long line = 1;
    private boolean afterCr;
    private long recordLine = 1;
    private long quoteLine;
    private int recordChars;
    private int fieldChars;
    private int fieldIndex;

    CappedCsvReader(Reader in, CsvLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n == -1) {
            if (state == State.QUOTED) {
                throw new UsageBridgeFailure(CoreFailureCode.CSV_QUOTE_UNTERMINATED, "line " + quoteLine
                        + ": the double quote opened here (column " + (fieldIndex + 1) + ") is never closed: the "
                        + "file ends inside the quoted value");
            }
            return -1;
        }
        for (int i = offset; i < offset + n; i++) {
            step(buffer[i]);
        }
        return n;
    }

    private void step(char c) {
        boolean lineBreak = c == '\n' || c == '\r';
        long lineOfChar = line;
        if (c == '\r' || (c == '\n' && !afterCr)) {
            line++;
        }
        afterCr = c == '\r';
        switch (state) {
            case FIELD_START -> {
                if (c == '"') {
                    state = State.QUOTED;
                    quoteLine = lineOfChar;
                    countRecord();
                    return;
                }
                if (endsFieldOrRecord(c, lineBreak)) {
                    return;
                }
                state = State.UNQUOTED;
            }
            case UNQUOTED -> {
                if (endsFieldOrRecord(c, lineBreak)) {
                    return;
                }
            }
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                    countRecord();
                    return;
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (endsFieldOrRecord(c, lineBreak)) {
                    return;
                }
                // "" is a quote inside the value; anything else after a closing quote the parser refuses itself
                state = c == '"' ? State.QUOTED : State.UNQUOTED;
            }
        }
        countRecord();
        countField();
    }

    /** A comma ends the field, a line break outside quotes the record; true when {@code c} was one of them. */
    private boolean endsFieldOrRecord(char c, boolean lineBreak) {
        if (c == ',') {
            countRecord();
            state = State.FIELD_START;
            fieldChars = 0;
            fieldIndex++;
            return true;
        }
        if (lineBreak) {
            state = State.FIELD_START;
            recordChars = 0;
            fieldChars = 0;
            fieldIndex = 0;
            recordLine = line;
            return true;
        }
        return false;
    }

    private void countRecord() {
        if (++recordChars > limits.maxRecordChars()) {
            throw new UsageBridgeFailure(CoreFailureCode.CSV_RECORD_TOO_LONG, "line " + recordLine + ": the record "
                    + "is longer than " + limits.maxRecordChars() + " characters (" + CsvLimits.MAX_RECORD_CHARS_KEY
                    + ")" + runawayQuote());
        }
    }

    private void countField() {
        if (++fieldChars > limits.maxFieldChars()) {
            throw new UsageBridgeFailure(CoreFailureCode.CSV_FIELD_TOO_LONG, "line " + recordLine + ", column "
                    + (fieldIndex + 1) + ": the value is longer than " + limits.maxFieldChars() + " characters ("
                    + CsvLimits.MAX_FIELD_CHARS_KEY + ")" + runawayQuote());
        }
    }

    private String runawayQuote() {
        return state == State.QUOTED && quoteLine < line
                ? "; it is inside a double quote opened on line " + quoteLine + " that may never close" : "";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
