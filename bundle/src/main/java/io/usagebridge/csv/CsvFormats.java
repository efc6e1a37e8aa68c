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

    /** A strict UTF-8 reader (a malformed byte raises an error instead of becoming U+FFFD); a BOM is skipped. */
    public static BufferedReader strictUtf8(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
