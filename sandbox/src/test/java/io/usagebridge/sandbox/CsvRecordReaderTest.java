package io.usagebridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one CSV reading of both Zuora simulators, which decides row numbers in their failure reasons. */
class CsvRecordReaderTest {

    @Test
    void recordsCarryTheLineTheyStartOnQuotedLineBreaksCounted() throws IOException {
        List<CsvRecordReader.CsvRecord> records = readAll(
                "\uFEFFA,B\r\n\r\n\"multi\nline\",x\n\"say \"\"hi\"\"\",\nlast,row");

        assertEquals(List.of("A", "B"), records.get(0).values(), "the byte-order mark is dropped");
        assertEquals(1, records.get(0).line());
        assertTrue(records.get(1).blank());
        assertEquals(2, records.get(1).line());
        assertEquals(List.of("multi\nline", "x"), records.get(2).values());
        assertEquals(3, records.get(2).line());
        assertEquals(List.of("say \"hi\"", ""), records.get(3).values());
        assertEquals(5, records.get(3).line());
        assertEquals(List.of("last", "row"), records.get(4).values());
        assertEquals(6, records.get(4).line(), "a last line without a newline is a record");
        assertEquals(5, records.size());
    }

    @Test
    void lineEndsMayBeMixedAndWhiteSpaceOnlyLinesAreBlank() throws IOException {
        List<CsvRecordReader.CsvRecord> records = readAll("h1,h2\n \t\r\nv1,v2\rv3,v4\n");

        assertTrue(records.get(1).blank());
        assertEquals(List.of("v1", "v2"), records.get(2).values());
        assertEquals(List.of("v3", "v4"), records.get(3).values());
        assertEquals(4, records.get(3).line());
        assertEquals(4, records.size());
    }

    @Test
    void emptyQuotedValueIsNotABlankLine() throws IOException {
        CsvRecordReader.CsvRecord record = readAll("\"\"\n").get(0);

        assertFalse(record.blank());
        assertEquals(List.of(""), record.values());
    }

    @Test
    void nextNonBlankSkipsBlankLines() throws IOException {
        try (CsvRecordReader reader = new CsvRecordReader(new StringReader("\n\nh\n\nv\n"))) {
            assertEquals(3, reader.nextNonBlank().line());
            assertEquals(5, reader.nextNonBlank().line());
            assertNull(reader.nextNonBlank());
        }
    }

    @Test
    void textAfterAClosingQuoteIsKept() throws IOException {
        assertEquals(List.of("ab cd", "e"), readAll("\"ab\" cd,e").get(0).values());
    }

    @Test
    void unclosedQuoteIsAFormatErrorNamingItsLine() {
        CsvRecordReader.CsvFormatException error = assertThrows(CsvRecordReader.CsvFormatException.class,
                () -> readAll("a,b\n\"open,c\nnever closed"));

        assertTrue(error.getMessage().startsWith("line 2: "), error.getMessage());
    }

    @Test
    void valueOverAMillionCharactersIsAFormatError() {
        String longValue = "x".repeat(CsvRecordReader.MAX_VALUE_CHARS + 1);

        CsvRecordReader.CsvFormatException error = assertThrows(CsvRecordReader.CsvFormatException.class,
                () -> readAll("a,b\n1," + longValue + "\n"));

        assertEquals("line 2: a value is longer than 1048576 characters", error.getMessage());
    }

    @Test
    void undecodableBytesAreNotAFormatError() {
        StringReader undecodable = new StringReader("a\nb\n") {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                throw new MalformedInputException(1);
            }
        };

        assertThrows(MalformedInputException.class, () -> new CsvRecordReader(undecodable).next());
    }

    private static List<CsvRecordReader.CsvRecord> readAll(String text) throws IOException {
        List<CsvRecordReader.CsvRecord> records = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader(new StringReader(text))) {
            for (CsvRecordReader.CsvRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }
}
