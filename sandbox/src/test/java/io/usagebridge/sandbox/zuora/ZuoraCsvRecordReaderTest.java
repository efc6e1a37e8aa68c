package io.usagebridge.sandbox.zuora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZuoraCsvRecordReaderTest {

    @Test
    void splitsQuotedValuesAcrossCommasQuotesAndLineBreaks() throws IOException {
        List<CsvRecordReader.CsvRecord> records = readAll("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,");

        assertEquals(List.of("a", "b", "c"), records.get(0).values());
        assertEquals(List.of("x, y", "say \"hi\"", "two\nlines"), records.get(1).values());
        assertEquals(List.of("last", "", ""), records.get(2).values());
        assertEquals(4, records.get(2).line(), "the quoted line break counts");
        assertEquals(3, records.size());
    }

    @Test
    void blankLinesAreReportedAndLineEndsMayBeMixed() throws IOException {
        List<CsvRecordReader.CsvRecord> records = readAll("h1,h2\n\r\nv1,v2\rv3,v4\n");

        assertTrue(records.get(1).blank());
        assertEquals(List.of("v1", "v2"), records.get(2).values());
        assertEquals(List.of("v3", "v4"), records.get(3).values());
        assertEquals(4, records.size());
    }

    @Test
    void unclosedQuoteIsAFormatError() {
        assertThrows(CsvRecordReader.CsvFormatException.class, () -> readAll("a,b\n\"open,c\n"));
    }

    @Test
    void writerQuotesOnlyWhatNeedsIt() throws IOException {
        StringWriter out = new StringWriter();
        CsvRecordWriter writer = new CsvRecordWriter(out);

        writer.write(List.of("plain", "a,b", "q\"q", "line\nbreak", ""));
        writer.flush();

        assertEquals("plain,\"a,b\",\"q\"\"q\",\"line\nbreak\",\r\n", out.toString());
        assertEquals(List.of("plain", "a,b", "q\"q", "line\nbreak", ""), readAll(out.toString()).get(0).values());
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
