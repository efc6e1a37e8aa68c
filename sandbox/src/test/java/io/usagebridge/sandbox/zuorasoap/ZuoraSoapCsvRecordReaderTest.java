package io.usagebridge.sandbox.zuorasoap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's CSV reading, which decides row numbers in StatusReason. */
class ZuoraSoapCsvRecordReaderTest {

    @Test
    void recordsCarryTheLineTheyStartOn() throws IOException {
        CsvRecordReader reader = new CsvRecordReader(new StringReader(
                "A,B\r\n\r\n\"multi\nline\",x\n\"say \"\"hi\"\"\",\nlast,row"));

        CsvRecordReader.CsvRecord header = reader.next();
        CsvRecordReader.CsvRecord blank = reader.next();
        CsvRecordReader.CsvRecord multi = reader.next();
        CsvRecordReader.CsvRecord quoted = reader.next();
        CsvRecordReader.CsvRecord last = reader.next();

        assertEquals(List.of("A", "B"), header.values());
        assertEquals(1, header.line());
        assertTrue(blank.blank());
        assertEquals(2, blank.line());
        assertEquals(List.of("multi\nline", "x"), multi.values());
        assertEquals(3, multi.line());
        assertEquals(List.of("say \"hi\"", ""), quoted.values());
        assertEquals(5, quoted.line());
        assertEquals(List.of("last", "row"), last.values());
        assertEquals(6, last.line(), "a last line without a newline is a record");
        assertNull(reader.next());
    }

    @Test
    void emptyQuotedValueIsNotABlankLine() throws IOException {
        CsvRecordReader.CsvRecord record = new CsvRecordReader(new StringReader("\"\"\n")).next();

        assertFalse(record.blank());
    }

    @Test
    void unclosedQuoteIsAnError() {
        CsvRecordReader reader = new CsvRecordReader(new StringReader("a,\"open\nnever closed"));

        IOException error = assertThrows(IOException.class, reader::next);
        assertEquals("line 1: a quoted value is not closed", error.getMessage());
    }
}
