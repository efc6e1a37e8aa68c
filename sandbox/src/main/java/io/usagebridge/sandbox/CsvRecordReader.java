package io.usagebridge.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Reads a usage or mass-action file the way Zuora's importers read one (both the REST and the SOAP import: one
 * engine): RFC 4180 through commons-csv, a leading byte-order mark dropped, CRLF, LF or CR line ends, a last line
 * without a line break, text after a closing quote kept (as spreadsheets write it). Each record carries the line it
 * starts on, counting every line of the file from 1, and whether it is blank, so callers skip blank lines as Zuora
 * does. A value longer than {@link #MAX_VALUE_CHARS} is a format error.
 */
public final class CsvRecordReader implements Closeable {

    /*
     * ALL_NON_NULL only changes how empty values are reported: an empty unquoted value comes back null, a quoted one
     * (""), so a line with nothing on it can be told from a line holding "".
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setTrailingData(true)
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .get();
    // Zuora's import refuses a value over a million characters; a stray quote must not swallow a file either
    static final int MAX_VALUE_CHARS = 1024 * 1024;

    /**
     * @param line   the line the record starts on (1 = the first line of the file)
     * @param values the values, unquoted
     * @param blank  the line held nothing, or only white space
     */
    public record CsvRecord(long line, List<String> values, boolean blank) {
    }

    /** A text that cannot be split into records; the message names the line the bad record starts on. */
    public static final class CsvFormatException extends IOException {
        CsvFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    public CsvRecordReader(Reader in) throws IOException {
        this.parser = CSVParser.builder().setReader(withoutByteOrderMark(in)).setFormat(FORMAT).get();
        this.records = parser.iterator();
    }

    /** The next record, or null at the end of the text. */
    public CsvRecord next() throws IOException {
        // the iterator reads one record ahead of nothing: the lines counted so far end the previous record
        long line = parser.getCurrentLineNumber() + 1;
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException undecodable) {
                throw undecodable; // not a CSV problem: the bytes are not text in the reader's charset
            }
            throw new CsvFormatException("line " + line + ": " + e.getCause().getMessage(), e.getCause());
        }
        List<String> values = new ArrayList<>(record.size());
        for (String value : record) {
            if (value != null && value.length() > MAX_VALUE_CHARS) {
                throw new CsvFormatException("line " + line + ": a value is longer than " + MAX_VALUE_CHARS
                        + " characters", null);
            }
            values.add(value == null ? "" : value);
        }
        // an empty unquoted value comes back null; "" (quoted) is a value, white space alone is not
        String only = record.size() == 1 ? record.get(0) : "x";
        boolean blank = only == null || (!only.isEmpty() && only.isBlank());
        return new CsvRecord(line, List.copyOf(values), blank);
    }

    /** The next record that is not blank, or null at the end of the text. */
    public CsvRecord nextNonBlank() throws IOException {
        CsvRecord record = next();
        while (record != null && record.blank()) {
            record = next();
        }
        return record;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(in);
        int first = reader.read();
        if (first >= 0 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }
}
