package io.usagebridge.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.targets.twocheckout.TwoCheckoutUsageTarget;
import io.usagebridge.targets.zuora.ZuoraUsageContract;

/** Checking, shaping and cutting a target's slice, against 2Checkout's contract and a contract with numbers. */
class UsageChunkerTest {

    private static final String HEADER = "UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef";

    @TempDir
    Path dir;

    private final UsageChunker chunker = new UsageChunker(5);

    // --- rejections ---------------------------------------------------------------------------------------

    @Test
    void missingRequiredColumnIsAnInvalidHeader() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), """
                UsageStart,UsageEnd,OptionCode,Description
                2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,calls
                """);

        assertEquals(CoreFailureCode.CSV_HEADER_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 1"), failure.getMessage());
        assertTrue(failure.getMessage().contains("required column 'SubscriptionRef' is missing"),
                failure.getMessage());
    }

    @Test
    void columnOutsideTheContractIsAnInvalidHeader() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + ",Qty\n"
                + "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,calls,SUB-1,3\n");

        assertEquals(CoreFailureCode.CSV_HEADER_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 1"), failure.getMessage());
        assertTrue(failure.getMessage().contains("column 'Qty' is not part of the twocheckout-usage contract"),
                failure.getMessage());
    }

    @Test
    void badDateIsAnInvalidValueWithItsLineAndValue() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + "\n"
                + "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,calls,SUB-1\n"
                + "01.11.2026 10:00,2026-11-01 11:00:00,OPT1,calls,SUB-2\n");

        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 3, column UsageStart, value '01.11.2026 10:00'"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("expected an ISO-8601 date-time"), failure.getMessage());
        assertFalse(failure.getMessage().contains("line 2"), failure.getMessage());
    }

    @Test
    void impossibleCalendarDayIsRefusedNotMovedToTheMonthsLastDay() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + "\n"
                + "2026-11-31 10:00:00,2026-12-01 11:00:00,OPT1,calls,SUB-1\n");

        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 2, column UsageStart, value '2026-11-31 10:00:00'"),
                failure.getMessage());
    }

    @Test
    void badDateOnALastLineWithoutNewlineIsReportedOnItsOwnLine() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + "\n"
                + "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,calls,SUB-1\n"
                + "yesterday,2026-11-01 11:00:00,OPT1,calls,SUB-2");

        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 3, column UsageStart, value 'yesterday'"),
                failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,5", "12 USD", "1 000", "€3"})
    void numberWithSeparatorOrUnitIsAnInvalidValue(String quantity) throws IOException {
        UsageBridgeFailure failure = rejected(metered(), "Account,Quantity,UsageStart\n"
                + "A-1,2.5,2026-11-01 10:00:00\n"
                + "A-2,\"" + quantity + "\",2026-11-01 10:00:00\n");

        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 3, column Quantity, value '" + quantity + "'"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("a plain number"), failure.getMessage());
    }

    @Test
    void plainNumbersPassAsWritten() throws IOException {
        List<ChunkFile> chunks = chunk(metered(), "Account,Quantity,UsageStart\n"
                + "A-1,2.5,2026-11-01 10:00:00\nA-2,-3,2026-11-01 10:00:00\nA-3,12,2026-11-01 10:00:00\n",
                Long.MAX_VALUE, Long.MAX_VALUE);

        assertEquals("Account,Quantity,UsageStart\nA-1,2.5,2026-11-01 10:00:00\nA-2,-3,2026-11-01 10:00:00\n"
                + "A-3,12,2026-11-01 10:00:00\n", read(chunks.get(0)));
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((HEADER + "\n2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,caf").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, 0x28});
        bytes.writeBytes(",SUB-1\n".getBytes(StandardCharsets.UTF_8));

        UsageBridgeFailure failure = rejected(twoCheckout(), bytes.toByteArray());

        assertEquals(CoreFailureCode.CSV_NOT_UTF8, failure.code());
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        assertEquals(CoreFailureCode.FILE_EMPTY, rejected(twoCheckout(), "").code());
    }

    @Test
    void headerWithoutRowsIsRefused() throws IOException {
        assertEquals(CoreFailureCode.CSV_HEADER_ONLY, rejected(twoCheckout(), HEADER + "\n").code());
        assertEquals(CoreFailureCode.CSV_HEADER_ONLY, rejected(twoCheckout(), HEADER + "\n\n").code());
    }

    @Test
    void rowWithTheWrongNumberOfValuesIsMalformed() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + "\n"
                + "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,SUB-1\n");

        assertEquals(CoreFailureCode.CSV_ROW_MALFORMED, failure.code());
        assertTrue(failure.getMessage().contains("line 2: has 4 values, the header has 5"), failure.getMessage());
    }

    @Test
    void quoteThatIsNeverClosedIsRefusedWithTheLineItOpenedOn() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + "\n"
                + "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,\"never closed,SUB-1\n");

        assertEquals(CoreFailureCode.CSV_QUOTE_UNTERMINATED, failure.code());
        assertTrue(failure.getMessage().startsWith("line 2: the double quote opened here (column 4) is never closed"),
                failure.getMessage());
    }

    @Test
    void usageStartAfterItsEndIsAnInvalidPeriod() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + "\n"
                + "2026-11-01 12:00:00,2026-11-01 11:00:00,OPT1,calls,SUB-1\n");

        assertEquals(CoreFailureCode.USAGE_PERIOD_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 2: UsageStart 2026-11-01 12:00:00 is after UsageEnd "
                + "2026-11-01 11:00:00"), failure.getMessage());
    }

    @Test
    void zuoraUsageEndingBeforeItStartsIsAnInvalidPeriodAndABlankEndPasses() throws IOException {
        String header = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n";
        UsageBridgeFailure failure = rejected(zuoraUsage(), header
                + "A00000001,Each,10,11/01/2026,,,,one day\n"
                + "A00000002,Each,10,11/05/2026,11/04/2026,,,backwards\n");

        assertEquals(CoreFailureCode.USAGE_PERIOD_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 3: ENDDATE 11/04/2026 is before STARTDATE 11/05/2026"),
                failure.getMessage());
    }

    @Test
    void aControlCharacterInAValueIsRefusedWithItsLineColumnAndPlaceNotItsBytes() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + "\n"
                + "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,calls,SUB-1\n"
                + "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,cal\u0000ls,SUB-2\n");

        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 3") && failure.getMessage().contains("Description")
                && failure.getMessage().contains("U+0000 at character 4"), failure.getMessage());
        assertFalse(failure.getMessage().contains("\u0000"), "the control character itself is not echoed");
    }

    @Test
    void missingRequiredValueIsAnInvalidValue() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + "\n"
                + "2026-11-01 10:00:00,2026-11-01 11:00:00,,calls,SUB-1\n");

        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 2, column OptionCode, value '': a value is required"),
                failure.getMessage());
    }

    @Test
    void everyViolationIsReportedUpToTheCap() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER + "\n");
        for (int i = 0; i < 20; i++) {
            csv.append("2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,calls,SUB-").append(i).append('\n');
            csv.append("not-a-date,2026-11-01 11:00:00,OPT1,calls,SUB-").append(i).append('\n');
        }

        UsageBridgeFailure failure = rejected(twoCheckout(), csv.toString());

        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        String message = failure.getMessage();
        assertTrue(message.startsWith("at least 5 problem(s): "), message);
        for (int line : List.of(3, 5, 7, 9, 11)) {
            assertTrue(message.contains("line " + line + ", column UsageStart"), line + " in " + message);
        }
        assertFalse(message.contains("line 13"), message);
        assertEquals(5, message.split("; ").length, message);
    }

    @Test
    void fewViolationsAreCountedExactly() throws IOException {
        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + "\n"
                + "bad,2026-11-01 11:00:00,OPT1,calls,SUB-1\n"
                + "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,calls,SUB-2\n"
                + "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,calls\n");

        assertTrue(failure.getMessage().startsWith("2 problem(s): line 2, column UsageStart"), failure.getMessage());
        assertTrue(failure.getMessage().contains("; line 4: has 4 values"), failure.getMessage());
        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code(), "the first violation's code");
    }

    @Test
    void rejectedFileLeavesNoChunksBehind() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER + "\n");
        rows(7).forEach(r -> csv.append(r).append('\n'));
        csv.append("bad,2026-11-01 11:00:00,OPT1,calls,SUB-99\n");

        rejected(twoCheckout(), csv.toString(), Long.MAX_VALUE, 3);

        assertEquals(List.of(), filesIn(out()));
    }

    @Test
    void rowTooLargeAfterGoodChunksLeavesNoChunksBehind() throws IOException {
        List<String> rows = rows(4);
        String longRow = "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1," + "x".repeat(500) + ",SUB-L";
        String csv = HEADER + "\n" + String.join("\n", rows) + "\n" + longRow + "\n";

        UsageBridgeFailure failure = rejected(twoCheckout(), csv, 200, 3);

        assertEquals(CoreFailureCode.TARGET_LIMIT_EXCEEDED, failure.code());
        assertEquals(List.of(), filesIn(out()));
    }

    @Test
    void notUtf8AfterManyGoodRowsLeavesNoChunksBehind() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((HEADER + "\n" + String.join("\n", rows(23).stream()
                .flatMap(r -> Stream.generate(() -> r).limit(100)).toList()) + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,caf".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, 0x28});
        bytes.writeBytes(",SUB-1\n".getBytes(StandardCharsets.UTF_8));

        UsageBridgeFailure failure = rejected(twoCheckout(), bytes.toByteArray(), 100);

        assertEquals(CoreFailureCode.CSV_NOT_UTF8, failure.code());
        assertEquals(List.of(), filesIn(out()));
    }

    @Test
    void rowLargerThanTheByteLimitExceedsTheTargetLimit() throws IOException {
        String longRow = "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1," + "x".repeat(500) + ",SUB-1";

        UsageBridgeFailure failure = rejected(twoCheckout(), HEADER + "\n" + longRow + "\n", 300, Long.MAX_VALUE);

        assertEquals(CoreFailureCode.TARGET_LIMIT_EXCEEDED, failure.code());
        assertTrue(failure.getMessage().contains("line 2 needs"), failure.getMessage());
        assertTrue(failure.getMessage().contains("limit is 300 bytes"), failure.getMessage());
    }

    // --- chunks -------------------------------------------------------------------------------------------

    @Test
    void tenRowsByThreeMakeFourNamedChunksEachWithTheHeader() throws IOException {
        List<String> rows = rows(10);

        List<ChunkFile> chunks = chunk(passThrough(), HEADER + "\n" + String.join("\n", rows) + "\n",
                Long.MAX_VALUE, 3);

        assertEquals(List.of("usage.part-001-of-004.csv", "usage.part-002-of-004.csv", "usage.part-003-of-004.csv",
                "usage.part-004-of-004.csv"), chunks.stream().map(ChunkFile::fileName).toList());
        assertEquals(List.of(3L, 3L, 3L, 1L), chunks.stream().map(ChunkFile::rows).toList());
        assertEquals(List.of(1, 2, 3, 4), chunks.stream().map(ChunkFile::index).toList());
        chunks.forEach(c -> assertEquals(4, c.count()));
        List<String> written = new ArrayList<>();
        for (ChunkFile chunk : chunks) {
            List<String> lines = read(chunk).lines().toList();
            assertEquals(HEADER, lines.get(0), chunk.fileName());
            written.addAll(lines.subList(1, lines.size()));
        }
        assertEquals(rows, written, "every row once, in order");
        assertEquals(List.of(), filesIn(out()).stream().filter(f -> f.endsWith(".tmp")).toList());
    }

    @Test
    void eachChunksRecordedMd5AndSizeAreThoseOfItsFile() throws IOException {
        List<ChunkFile> chunks = chunk(twoCheckout(), HEADER + "\n" + String.join("\n", rows(10)) + "\n",
                Long.MAX_VALUE, 3);

        for (ChunkFile chunk : chunks) {
            byte[] bytes = Files.readAllBytes(chunk.path());
            assertEquals(md5(bytes), chunk.md5(), chunk.fileName());
            assertEquals(bytes.length, chunk.bytes(), chunk.fileName());
            assertEquals(Files.size(chunk.path()), chunk.bytes(), chunk.fileName());
        }
    }

    @Test
    void noChunkIsLargerThanTheByteLimit() throws IOException {
        List<String> rows = rows(10);
        long maxBytes = HEADER.length() + 1 + 2L * (rows.get(0).length() + 1) + 5;

        List<ChunkFile> chunks = chunk(passThrough(), HEADER + "\n" + String.join("\n", rows) + "\n",
                maxBytes, Long.MAX_VALUE);

        assertEquals(5, chunks.size());
        List<String> written = new ArrayList<>();
        for (ChunkFile chunk : chunks) {
            assertTrue(Files.size(chunk.path()) <= maxBytes, chunk.fileName() + " has " + Files.size(chunk.path()));
            List<String> lines = read(chunk).lines().toList();
            assertEquals(HEADER, lines.get(0));
            written.addAll(lines.subList(1, lines.size()));
        }
        assertEquals(rows, written);
    }

    @Test
    void singleChunkKeepsTheSourceStem() throws IOException {
        List<ChunkFile> chunks = chunk(passThrough(), HEADER + "\n" + rows(1).get(0) + "\n", 10_000, 100);

        assertEquals(1, chunks.size());
        assertEquals("usage.csv", chunks.get(0).fileName());
        assertEquals(1, chunks.get(0).count());
    }

    @Test
    void blankLineAfterTheHeaderIsSkipped() throws IOException {
        List<ChunkFile> chunks = chunk(passThrough(), HEADER + "\n\n" + String.join("\n", rows(2)),
                Long.MAX_VALUE, Long.MAX_VALUE);

        assertEquals(HEADER + "\n" + String.join("\n", rows(2)) + "\n", read(chunks.get(0)));
        assertEquals(2, chunks.get(0).rows());
    }

    @Test
    void zuoraSampleWithItsBlankLineAfterTheHeaderGivesItsOneRow() throws IOException {
        Path sample = Path.of("..", "..", "shared", "reference", "zuora-sample-usage.csv");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "shared/ is not beside the clone");
        List<String> columns = List.of("ACCOUNT_ID", "UOM", "QTY", "STARTDATE", "ENDDATE", "SUBSCRIPTION_ID",
                "CHARGE_ID", "DESCRIPTION");
        CsvContract zuoraAsText = new CsvContract("zuora-text",
                columns.stream().map(c -> ColumnSpec.optional(c, ValueFormat.TEXT)).toList(), List.of());

        List<ChunkFile> chunks = chunker.chunk(sample, zuoraAsText, Long.MAX_VALUE, Long.MAX_VALUE, out(), "sample");

        assertEquals(1, chunks.size());
        assertEquals(1, chunks.get(0).rows());
        assertEquals(String.join(",", columns) + "\nA66666666,Each,666,02/12/2014,,,,\n", read(chunks.get(0)));
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.writeBytes((HEADER + "\n" + rows(1).get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        Path slice = dir.resolve("bom.csv");
        Files.write(slice, bytes.toByteArray());

        List<ChunkFile> chunks = chunker.chunk(slice, passThrough(), Long.MAX_VALUE, Long.MAX_VALUE, out(), "bom");

        byte[] written = Files.readAllBytes(chunks.get(0).path());
        assertArrayEquals((HEADER + "\n" + rows(1).get(0) + "\n").getBytes(StandardCharsets.UTF_8), written);
    }

    @Test
    void valuesWithCommasQuotesAndAccentsSurviveTheRoundTrip() throws IOException {
        String row = "2026-11-01 10:00:00,2026-11-01 11:00:00,OPT1,\"calls, \"\"roaming\"\" café\",SUB-1";

        List<ChunkFile> chunks = chunk(passThrough(), HEADER + "\n" + row + "\n", Long.MAX_VALUE, Long.MAX_VALUE);

        assertEquals(HEADER + "\n" + row + "\n", read(chunks.get(0)));
    }

    // --- dates --------------------------------------------------------------------------------------------

    @Test
    void utcInstantIsWrittenAtTwoCheckoutsPlusTwo() throws IOException {
        List<ChunkFile> chunks = chunk(twoCheckout(), HEADER + "\n"
                + "2026-11-01T00:00:00Z,2026-11-01T23:30:00+01:00,OPT1,calls,SUB-1\n", Long.MAX_VALUE, Long.MAX_VALUE);

        assertEquals(HEADER + "\n2026-11-01 02:00:00,2026-11-02 00:30:00,OPT1,calls,SUB-1\n", read(chunks.get(0)));
    }

    @Test
    void localTimeIsReadInTheSourceZone() throws IOException {
        // 1 November 2026: Paris is back on winter time (UTC+1), so 08:00 Paris = 07:00Z = 09:00 at +02:00
        List<ChunkFile> chunks = chunk(twoCheckout("Europe/Paris"), HEADER + "\n"
                + "2026-11-01 08:00:00,2026-11-02,OPT1,calls,SUB-1\n", Long.MAX_VALUE, Long.MAX_VALUE);

        assertEquals(HEADER + "\n2026-11-01 09:00:00,2026-11-02 01:00:00,OPT1,calls,SUB-1\n", read(chunks.get(0)));
    }

    @Test
    void optionalColumnLeftOutIsNotWritten() throws IOException {
        List<ChunkFile> chunks = chunk(twoCheckout(), "SubscriptionRef,UsageEnd,UsageStart,OptionCode\n"
                + "SUB-1,2026-11-01 11:00:00,2026-11-01 10:00:00,OPT1\n", Long.MAX_VALUE, Long.MAX_VALUE);

        assertEquals("UsageStart,UsageEnd,OptionCode,SubscriptionRef\n"
                + "2026-11-01 12:00:00,2026-11-01 13:00:00,OPT1,SUB-1\n", read(chunks.get(0)),
                "contract order, UTC source shifted to +02:00");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** 2Checkout's contract as a configured target gets it, source zone UTC. */
    private static CsvContract twoCheckout() {
        return twoCheckout(null);
    }

    private static CsvContract twoCheckout(String sourceZone) {
        Map<String, String> properties = new HashMap<>();
        properties.put("target.twocheckout.type", TwoCheckoutUsageTarget.TYPE);
        if (sourceZone != null) {
            properties.put("target.twocheckout.source-zone", sourceZone);
        }
        UsageBridgeSettings settings = new UsageBridgeSettings(key -> Optional.ofNullable(properties.get(key)));
        return new TwoCheckoutUsageTarget().contract(TargetConfig.read("twocheckout", settings));
    }

    /** Zuora's usage columns as a zuora-rest-usage target gets them (dates MM/dd/yyyy). */
    private static CsvContract zuoraUsage() {
        Map<String, String> properties = Map.of("target.zuora-usage.type", "zuora-rest-usage");
        UsageBridgeSettings settings = new UsageBridgeSettings(key -> Optional.ofNullable(properties.get(key)));
        return ZuoraUsageContract.of(TargetConfig.read("zuora-usage", settings));
    }

    /** 2Checkout's columns with dates read and written at +02:00, so rows come out as they went in. */
    private static CsvContract passThrough() {
        DateTimeFormat date = new DateTimeFormat(ZoneId.of("+02:00"), ZoneOffset.ofHours(2), "yyyy-MM-dd HH:mm:ss");
        return new CsvContract("pass-through", List.of(
                ColumnSpec.required("UsageStart", date),
                ColumnSpec.required("UsageEnd", date),
                ColumnSpec.required("OptionCode", ValueFormat.TEXT),
                ColumnSpec.optional("Description", ValueFormat.TEXT),
                ColumnSpec.required("SubscriptionRef", ValueFormat.TEXT)), List.of());
    }

    private static CsvContract metered() {
        return new CsvContract("metered", List.of(
                ColumnSpec.required("Account", ValueFormat.TEXT),
                ColumnSpec.required("Quantity", new NumberFormat()),
                ColumnSpec.required("UsageStart", new DateTimeFormat(ZoneId.of("UTC"), ZoneOffset.UTC,
                        "yyyy-MM-dd HH:mm:ss"))), List.of());
    }

    /** Rows that pass both 2Checkout contracts unchanged by {@link #passThrough()}. */
    private static List<String> rows(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format("2026-11-01 %02d:00:00,2026-11-01 %02d:30:00,OPT%d,calls %d,SUB-%03d",
                        i % 24, i % 24, i, i, i))
                .toList();
    }

    private List<ChunkFile> chunk(CsvContract contract, String csv, long maxBytes, long maxRows) throws IOException {
        Path slice = dir.resolve("slice.csv");
        Files.writeString(slice, csv);
        return chunker.chunk(slice, contract, maxBytes, maxRows, out(), "usage");
    }

    private UsageBridgeFailure rejected(CsvContract contract, String csv) throws IOException {
        return rejected(contract, csv, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    private UsageBridgeFailure rejected(CsvContract contract, String csv, long maxBytes, long maxRows)
            throws IOException {
        Path slice = dir.resolve("slice.csv");
        Files.writeString(slice, csv);
        return assertThrows(UsageBridgeFailure.class,
                () -> chunker.chunk(slice, contract, maxBytes, maxRows, out(), "usage"));
    }

    private UsageBridgeFailure rejected(CsvContract contract, byte[] csv) throws IOException {
        return rejected(contract, csv, Long.MAX_VALUE);
    }

    private UsageBridgeFailure rejected(CsvContract contract, byte[] csv, long maxRows) throws IOException {
        Path slice = dir.resolve("slice.csv");
        Files.write(slice, csv);
        return assertThrows(UsageBridgeFailure.class,
                () -> chunker.chunk(slice, contract, Long.MAX_VALUE, maxRows, out(), "usage"));
    }

    private Path out() {
        return dir.resolve("chunks");
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String read(ChunkFile chunk) throws IOException {
        return Files.readString(chunk.path());
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
