package io.usagebridge.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/** Records and fields over their caps, and quotes that never close, fail the file with a code and the line. */
class CsvLimitsTest {

    private static final CsvContract ANY_COLUMNS = CsvContract.open("any", List.of());

    @TempDir
    Path dir;

    private final UsageChunker chunker = new UsageChunker(5, new CsvLimits(1000, 100));

    @Test
    void fieldOverTheCapIsRefusedWithItsLineAndColumn() throws IOException {
        UsageBridgeFailure failure = rejected("a,b,c\n1,2,3\n4,5,6\n7," + "x".repeat(101) + ",9\n");

        assertEquals(CoreFailureCode.CSV_FIELD_TOO_LONG, failure.code());
        assertTrue(failure.getMessage().startsWith("line 4, column 2: the value is longer than 100 characters "
                + "(csv.max-field-chars)"), failure.getMessage());
    }

    @Test
    void fieldAtTheCapPasses() throws IOException {
        List<ChunkFile> chunks = chunker.chunk(write("a,b\n1," + "x".repeat(100) + "\n"), ANY_COLUMNS,
                Long.MAX_VALUE, Long.MAX_VALUE, dir.resolve("out"), "usage");

        assertEquals(1, chunks.get(0).rows());
    }

    @Test
    void recordOverTheCapIsRefusedWithTheLineItStartsOn() throws IOException {
        String longRow = String.join(",", java.util.Collections.nCopies(600, "y")); // 1199 characters
        UsageBridgeFailure failure = rejected("a\r\n1\r\n\r\n" + longRow + "\r\n");

        assertEquals(CoreFailureCode.CSV_RECORD_TOO_LONG, failure.code());
        assertTrue(failure.getMessage().startsWith("line 4: the record is longer than 1000 characters "
                + "(csv.max-record-chars)"), failure.getMessage());
    }

    @Test
    void headerOverTheCapIsRefusedOnLine1() throws IOException {
        UsageBridgeFailure failure = rejected("a," + "h".repeat(150) + "\n1,2\n");

        assertEquals(CoreFailureCode.CSV_FIELD_TOO_LONG, failure.code());
        assertTrue(failure.getMessage().startsWith("line 1, column 2:"), failure.getMessage());
    }

    @Test
    void quoteNeverClosedAtTheEndOfTheFileNamesTheLineItOpenedOn() throws IOException {
        UsageBridgeFailure failure = rejected("a,b\n1,\"ok\nstill\"\n2,3\n4,\"open\n5,6\n");

        assertEquals(CoreFailureCode.CSV_QUOTE_UNTERMINATED, failure.code());
        assertTrue(failure.getMessage().startsWith("line 5: the double quote opened here (column 2) is never "
                + "closed"), failure.getMessage());
    }

    @Test
    void runawayQuoteInALongFileStopsAtTheFieldCapAndNamesWhereTheQuoteOpened() throws IOException {
        StringBuilder csv = new StringBuilder("a,b\n1,2\n3,\"runaway\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(i).append(",value\n");
        }
        UsageBridgeFailure failure = rejected(csv.toString());

        assertEquals(CoreFailureCode.CSV_FIELD_TOO_LONG, failure.code());
        assertTrue(failure.getMessage().startsWith("line 3, column 2:"), failure.getMessage());
        assertTrue(failure.getMessage().contains("inside a double quote opened on line 3"), failure.getMessage());
    }

    @Test
    void quotedLineBreaksAndEscapedQuotesCountTowardsTheLine() throws IOException {
        UsageBridgeFailure failure = rejected("a,b\n1,\"two\nlines \"\"quoted\"\"\"\n2," + "z".repeat(101) + "\n");

        assertEquals(CoreFailureCode.CSV_FIELD_TOO_LONG, failure.code());
        assertTrue(failure.getMessage().startsWith("line 4, column 2:"), failure.getMessage());
    }

    @Test
    void tenMegabyteSingleLineIsRefusedAtTheDefaultRecordCapOnLine1() throws IOException {
        Path file = dir.resolve("one-line.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 5 * 1024 * 1024; i++) {
                out.write("a,");
            }
        }
        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class, () -> new UsageChunker(5)
                .chunk(file, ANY_COLUMNS, Long.MAX_VALUE, Long.MAX_VALUE, dir.resolve("out"), "usage"));

        assertEquals(CoreFailureCode.CSV_RECORD_TOO_LONG, failure.code());
        assertTrue(failure.getMessage().startsWith("line 1: the record is longer than 1048576 characters"),
                failure.getMessage());
    }

    @Test
    void recordThatNeverEndsIsRefusedAfterTheCapNotReadToTheEnd() throws IOException {
        // an endless stream of "a,": without the cap the parser would buffer until the heap is gone
        long[] handedOut = {0};
        java.io.Reader endless = new java.io.Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) {
                for (int i = 0; i < length; i++) {
                    buffer[offset + i] = (handedOut[0] + i) % 2 == 0 ? 'a' : ',';
                }
                handedOut[0] += length;
                return length;
            }

            @Override
            public void close() {
            }
        };
        try (CSVParser parser = CsvFormats.READ.parse(new CappedCsvReader(endless, CsvLimits.DEFAULT))) {
            UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class, () -> parser.iterator().next());

            assertEquals(CoreFailureCode.CSV_RECORD_TOO_LONG, failure.code());
            assertTrue(handedOut[0] <= CsvLimits.DEFAULT_MAX_RECORD_CHARS + 64 * 1024, handedOut[0] + " characters");
        }
    }

    @Test
    void latin1FilesLeaveNoFileDescriptorOpen() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "counts open files on Linux only");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "\u00e9t\u00e9,caf\u00e9\n1,2\n".getBytes(StandardCharsets.ISO_8859_1));
        Path utf8ThenLatin1 = dir.resolve("late.csv");
        Files.write(utf8ThenLatin1, "a,b\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        long before = openFiles(fds);

        for (int i = 0; i < 200; i++) {
            assertThrows(IOException.class, () -> CsvFormats.strictUtf8(latin1));
            assertThrows(IOException.class, () -> CsvFormats.parse(latin1, CsvLimits.DEFAULT));
            assertEquals(CoreFailureCode.CSV_NOT_UTF8, assertThrows(UsageBridgeFailure.class,
                    () -> chunker.chunk(latin1, ANY_COLUMNS, Long.MAX_VALUE, Long.MAX_VALUE, dir.resolve("out"),
                            "usage")).code());
            assertEquals(CoreFailureCode.CSV_NOT_UTF8, assertThrows(UsageBridgeFailure.class,
                    () -> chunker.chunk(utf8ThenLatin1, ANY_COLUMNS, Long.MAX_VALUE, Long.MAX_VALUE,
                            dir.resolve("out"), "usage")).code());
            assertThrows(UsageBridgeFailure.class, () -> chunker.chunk(write("a\n" + "x".repeat(200) + "\n"),
                    ANY_COLUMNS, Long.MAX_VALUE, Long.MAX_VALUE, dir.resolve("out"), "usage"));
        }

        assertTrue(openFiles(fds) <= before + 5, "open files before: " + before + ", after 1000 refused reads: "
                + openFiles(fds));
    }

    @Test
    void parserClosesTheFile() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "counts open files on Linux only");
        Path file = write("a,b\n1,2\n");
        long before = openFiles(fds);
        for (int i = 0; i < 200; i++) {
            try (CSVParser parser = CsvFormats.parse(file, CsvLimits.DEFAULT)) {
                assertEquals(2, parser.getRecords().size());
            }
        }
        assertTrue(openFiles(fds) <= before + 5);
    }

    private static long openFiles(Path fds) throws IOException {
        try (Stream<Path> open = Files.list(fds)) {
            return open.count();
        }
    }

    private UsageBridgeFailure rejected(String csv) throws IOException {
        Path slice = write(csv);
        return assertThrows(UsageBridgeFailure.class,
                () -> chunker.chunk(slice, ANY_COLUMNS, Long.MAX_VALUE, Long.MAX_VALUE, dir.resolve("out"), "usage"));
    }

    private Path write(String csv) throws IOException {
        Path slice = dir.resolve("slice.csv");
        Files.writeString(slice, csv);
        return slice;
    }

}
