package io.usagebridge.targets.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/** Seed 004's file constraints: a failing example for each, found before any call and reported with its line. */
class InsightsFileRulesTest {

    private static final long MAX_BYTES = InsightsTargetSettings.BATCH_API_MAX_FILE_BYTES;

    @TempDir
    Path dir;

    private final InsightsFileRules rules = new InsightsFileRules(MAX_BYTES, 1024 * 1024, 20);

    @Test
    void validCsvAndJsonPass() throws Exception {
        check("account.csv", "id,name,created,active,mrr,closed_on\n"
                + "A-1,\"Globex, Inc\",2026-11-01 10:15:00Z,true,120.50,\n"
                + "A-2,\"says \"\"hi\"\"\",2026-11-01T10:15:00+01:00,false,-3,2026-12-31\n"
                + "A-3,Initech,2026-11-01 10:15:00 +0000,true,1e3,\n");
        check("account.ndjson", "{\"id\":\"A-1\",\"active\":true,\"mrr\":120.5,\"created\":\"2026-11-01\"}\n"
                + "{\"id\":\"A-2\",\"active\":false,\"mrr\":null,\"created\":\"2026-11-02T10:00:00Z\"}\n");
        check("header-only.csv", "id,name\n");
    }

    @Test
    void fileOver100MbIsRefused() throws Exception {
        Path file = dir.resolve("big.csv");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(MAX_BYTES + 1);
        }
        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class, () -> rules.check(file,
                FileScan.of(file)));
        assertEquals(CoreFailureCode.TARGET_LIMIT_EXCEEDED, failure.code());
        assertTrue(failure.getMessage().contains("104857601 bytes"), failure.getMessage());
    }

    @Test
    void aControlCharacterInAValueIsRefusedWithItsLineInCsvAndJson() throws Exception {
        UsageBridgeFailure csv = failure("account.csv", "id,name\nA-1,n\u0000ul\n");
        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, csv.code());
        assertTrue(csv.getMessage().contains("line 2") && csv.getMessage().contains("U+0000"), csv.getMessage());
        UsageBridgeFailure json = failure("account.ndjson", "{\"id\":\"A-1\",\"name\":\"b\\u0007ell\"}\n");
        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, json.code());
        assertTrue(json.getMessage().contains("line 1") && json.getMessage().contains("U+0007"), json.getMessage());
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        assertEquals(CoreFailureCode.FILE_EMPTY, failure("empty.csv", "").code());
    }

    @Test
    void csvWithoutAHeaderIsRefused() throws Exception {
        UsageBridgeFailure failure = failure("account.csv", "1,acme,2026-11-01\n2,globex,2026-11-02\n");
        assertEquals(CoreFailureCode.CSV_HEADER_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 1: column '1' does not start with a letter"),
                failure.getMessage());
    }

    @Test
    void columnNamesMustBeLowerCaseShortStartWithALetterAndHaveNoSpace() throws Exception {
        UsageBridgeFailure failure = failure("account.csv", "AccountId,a_column_name_that_is_far_too_long,"
                + "1st_value,account name,ok_name\nA,B,C,D,E\n");
        assertEquals(CoreFailureCode.CSV_HEADER_INVALID, failure.code());
        String message = failure.getMessage();
        assertTrue(message.startsWith("4 problem(s): "), message);
        assertTrue(message.contains("line 1: column 'AccountId' is not lower case"), message);
        assertTrue(message.contains("column 'a_column_name_that_is_far_too_long' is longer than 30 characters"),
                message);
        assertTrue(message.contains("column '1st_value' does not start with a letter"), message);
        assertTrue(message.contains("column 'account name' has a space"), message);
        assertFalse(message.contains("ok_name"), message);
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirLine() throws Exception {
        Path file = dir.resolve("account.csv");
        byte[] head = "id,name\nA-1,Acme\nA-2,Caf".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = {(byte) 0xE9, '\n'};
        byte[] all = new byte[head.length + latin1.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(latin1, 0, all, head.length, latin1.length);
        Files.write(file, all);
        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class, () -> rules.check(file,
                FileScan.of(file)));
        assertEquals(CoreFailureCode.CSV_NOT_UTF8, failure.code());
        assertTrue(failure.getMessage().startsWith("line 3 is not valid UTF-8"), failure.getMessage());
    }

    @Test
    void valuesHoldingACommaMustBeQuotedWithDoubleQuotes() throws Exception {
        UsageBridgeFailure singleQuoted = failure("account.csv", "id,name,mrr\nA-1,Acme,1\nA-2,'Globex, Inc',2\n");
        assertEquals(CoreFailureCode.CSV_ROW_MALFORMED, singleQuoted.code());
        assertTrue(singleQuoted.getMessage().contains("line 3: has 4 values, the header has 3"),
                singleQuoted.getMessage());
        UsageBridgeFailure unterminated = failure("account.csv", "id,name\nA-1,Acme\nA-2,\"Globex\n");
        assertEquals(CoreFailureCode.CSV_QUOTE_UNTERMINATED, unterminated.code());
        assertTrue(unterminated.getMessage().contains("line 3: the double quote opened here (column 2) is never closed"),
                unterminated.getMessage());
    }

    @Test
    void nullIsAnEmptyValueNotAWord() throws Exception {
        UsageBridgeFailure failure = failure("account.csv", "id,closed_on,note\nA-1,NULL,\nA-2,,\\N\n");
        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 2, column closed_on, value 'NULL': a null is an empty value"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("line 3, column note"), failure.getMessage());
    }

    @Test
    void datesAndTimestampsMustBeIso8601() throws Exception {
        UsageBridgeFailure failure = failure("account.csv", "id,day,at\n"
                + "A-1,11/02/2026,2026-11-01 10:00:00Z\n"
                + "A-2,2026-02-30,2026-11-01\n"
                + "A-3,2026-11-01,01.11.2026 10:00\n"
                + "A-4,2026-11-01,2026-11-01T25:00:00Z\n");
        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        String message = failure.getMessage();
        assertTrue(message.startsWith("4 problem(s)"), message);
        assertTrue(message.contains("line 2, column day, value '11/02/2026': dates are ISO-8601"), message);
        assertTrue(message.contains("line 3, column day, value '2026-02-30'"), message);
        assertTrue(message.contains("line 4, column at, value '01.11.2026 10:00'"), message);
        assertTrue(message.contains("line 5, column at, value '2026-11-01T25:00:00Z'"), message);
    }

    @Test
    void booleansAreTrueOrFalseOnly() throws Exception {
        UsageBridgeFailure failure = failure("account.csv", "id,active\nA-1,true\nA-2,TRUE\nA-3,False\n");
        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 3, column active, value 'TRUE': booleans are true or false"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("line 4, column active, value 'False'"), failure.getMessage());
    }

    @Test
    void numbersArePlain() throws Exception {
        UsageBridgeFailure failure = failure("account.csv", "id,mrr\nA-1,\"1,234.50\"\nA-2,$12.00\nA-3,\"12,5\"\n"
                + "A-4,12.5\n");
        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        String message = failure.getMessage();
        assertTrue(message.startsWith("3 problem(s)"), message);
        assertTrue(message.contains("line 2, column mrr, value '1,234.50': numbers are plain: no thousands "
                + "separator"), message);
        assertTrue(message.contains("line 3, column mrr, value '$12.00': numbers are plain: no currency symbol"),
                message);
        assertTrue(message.contains("line 4, column mrr, value '12,5': numbers are plain: a period is the decimal "
                + "separator"), message);
    }

    @Test
    void jsonIsOneObjectPerLineWithTheSameKeys() throws Exception {
        UsageBridgeFailure array = failure("account.json", "[{\"id\":\"A-1\"},{\"id\":\"A-2\"}]\n");
        assertEquals(InsightsFailureCode.JSON_RECORD_INVALID, array.code());
        assertTrue(array.getMessage().contains("line 1: is a JSON array, not an object"), array.getMessage());

        UsageBridgeFailure pretty = failure("account.json", "{\n  \"id\": \"A-1\"\n}\n");
        assertEquals(InsightsFailureCode.JSON_RECORD_INVALID, pretty.code());
        assertTrue(pretty.getMessage().contains("line 1: is not one JSON object on its line"), pretty.getMessage());

        UsageBridgeFailure inconsistent = failure("account.ndjson", "{\"id\":\"A-1\",\"name\":\"Acme\"}\n"
                + "{\"id\":\"A-2\",\"title\":\"Globex\"}\n");
        assertEquals(InsightsFailureCode.JSON_RECORD_INVALID, inconsistent.code());
        assertTrue(inconsistent.getMessage().contains("line 2: keys differ from line 1's (records are consistent); "
                + "missing [name]; extra [title]"), inconsistent.getMessage());

        UsageBridgeFailure keys = failure("account.ndjson", "{\"Id\":\"A-1\",\"account name\":\"Acme\"}\n");
        assertEquals(InsightsFailureCode.JSON_RECORD_INVALID, keys.code());
        assertTrue(keys.getMessage().contains("line 1: key 'Id' is not lower case"), keys.getMessage());
        assertTrue(keys.getMessage().contains("key 'account name' has a space"), keys.getMessage());

        UsageBridgeFailure values = failure("account.ndjson", "{\"id\":\"A-1\",\"active\":\"TRUE\","
                + "\"created\":\"11/01/2026\"}\n");
        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, values.code());
        assertTrue(values.getMessage().contains("line 1, column active, value 'TRUE'"), values.getMessage());
        assertTrue(values.getMessage().contains("line 1, column created, value '11/01/2026'"), values.getMessage());
    }

    @Test
    void violationsAreCappedAndKeepTheirLines() throws Exception {
        StringBuilder csv = new StringBuilder("id,active\n");
        for (int i = 1; i <= 40; i++) {
            csv.append("A-").append(i).append(",YES_").append(i).append(",x\n");
        }
        UsageBridgeFailure failure = failure("account.csv", csv.toString());
        assertTrue(failure.getMessage().startsWith("at least 20 problem(s): line 2: has 3 values"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("line 21:"), failure.getMessage());
        assertFalse(failure.getMessage().contains("line 22:"), failure.getMessage());
    }

    @Test
    void lineLongerThanTheLimitIsRefusedBeforeParsing() throws Exception {
        InsightsFileRules small = new InsightsFileRules(MAX_BYTES, 100, 20);
        Path file = write("account.csv", "id,note\nA-1," + "x".repeat(200) + "\nA-2,short\n");
        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class, () -> small.check(file,
                FileScan.of(file)));
        assertEquals(CoreFailureCode.CSV_ROW_MALFORMED, failure.code());
        assertTrue(failure.getMessage().startsWith("line 2 is 204 bytes long"), failure.getMessage());
    }

    private void check(String name, String content) throws IOException {
        Path file = write(name, content);
        rules.check(file, FileScan.of(file));
    }

    private UsageBridgeFailure failure(String name, String content) throws IOException {
        Path file = write(name, content);
        return assertThrows(UsageBridgeFailure.class, () -> rules.check(file, FileScan.of(file)));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
