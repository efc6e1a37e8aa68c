package io.usagebridge.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * The CSV dialect UsageBridge reads and writes: comma, double-quote quoting, LF line ends, blank lines skipped
 * (Zuora's own sample has one after the header), and a reader that refuses bytes that are not UTF-8.
 */
public final class CsvFormats {

    public static final CSVFormat READ = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(false)
            .get();

    public static final CSVFormat WRITE = CSVFormat.DEFAULT.builder()
            .setRecordSeparator('\n')
            .get();

    private CsvFormats() {
    }

    /**
     * A strict UTF-8 reader (a malformed byte raises an error instead of becoming U+FFFD); a BOM is skipped. On any
     * failure here the file is closed again: the caller only closes what it was given.
     */
    public static BufferedReader strictUtf8(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            // the first character may already be malformed (a Latin-1 file): the file is not left open
            in.close();
            throw e;
        }
    }

    /**
     * A parser of {@link #READ} over {@link #strictUtf8} whose records and fields are held to {@code limits} while
     * the file streams: a record or field over its cap, or a quote still open at the end of the file, raises a
     * {@code UsageBridgeFailure} (CSV_RECORD_TOO_LONG, CSV_FIELD_TOO_LONG, CSV_QUOTE_UNTERMINATED) naming the line.
     * Closing the parser closes the file.
     */
    public static CSVParser parse(Path file, CsvLimits limits) throws IOException {
        BufferedReader reader = strictUtf8(file);
        try {
            return READ.parse(new CappedCsvReader(reader, limits));
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
