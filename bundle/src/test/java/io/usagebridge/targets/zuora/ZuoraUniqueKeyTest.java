package io.usagebridge.targets.zuora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.csv.CsvContract;
import io.usagebridge.csv.UsageChunker;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.targets.zuora.rest.ZuoraRestKind;
import io.usagebridge.targets.zuora.rest.ZuoraRestTarget;
import io.usagebridge.targets.zuora.soap.ZuoraSoapImportTarget;

/** UNIQUE_KEY through the real chunker and Zuora's usage contract: derived, stable, and never twice in a file. */
class ZuoraUniqueKeyTest {

    private static final String KEY_COLUMNS = "ACCOUNT_ID,UOM,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID";
    private static final String USAGE = """
            ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION
            A00000001,Each,10,11/01/2026,11/01/2026,S-1,C-1,api calls
            A00000002,GB,2.5,11/02/2026,,,,storage
            """;

    @TempDir
    Path dir;

    private final UsageChunker chunker = new UsageChunker(5);

    @Test
    void derivedKeysAreWrittenIntoTheChunkAsTheDocumentedSha256() throws IOException {
        String chunk = chunkOnce(zuora(KEY_COLUMNS), USAGE);

        assertEquals("ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION,UNIQUE_KEY\n"
                + "A00000001,Each,10,11/01/2026,11/01/2026,S-1,C-1,api calls,"
                + recipe("A00000001", "Each", "2026-11-01", "2026-11-01", "S-1", "C-1") + "\n"
                + "A00000002,GB,2.5,11/02/2026,,,,storage," + recipe("A00000002", "GB", "2026-11-02", "", "", "")
                + "\n", chunk);
    }

    @Test
    void aReplayAndAnotherChunkCutGiveEveryRowTheKeyItHad() throws IOException {
        CsvContract contract = zuora(KEY_COLUMNS);
        String first = chunkOnce(contract, USAGE);
        // a new contract, as after a restart; one row per chunk
        List<String> cut = chunk(zuora(KEY_COLUMNS), USAGE, 1).stream().map(ZuoraUniqueKeyTest::read).toList();

        assertEquals(first, chunkOnce(contract, USAGE));
        assertEquals(2, cut.size());
        assertEquals(keys(first), Stream.concat(keys(cut.get(0)).stream(), keys(cut.get(1)).stream()).toList());
    }

    @Test
    void theSameUsageWithOtherSpacingColumnOrderOrTenantDateFormatHasTheSameKeys() throws IOException {
        List<String> keys = keys(chunkOnce(zuora(KEY_COLUMNS), USAGE));
        String reExport = """
                DESCRIPTION,CHARGE_ID,SUBSCRIPTION_ID,ENDDATE,STARTDATE,QTY,UOM,ACCOUNT_ID
                api calls,C-1,S-1, 11/01/2026 ,11/01/2026,10,Each,A00000001
                storage,,,,11/02/2026 ,2.5, GB ,A00000002 
                """;
        String otherLocale = """
                ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION
                A00000001,Each,10,01/11/2026,01/11/2026,S-1,C-1,api calls
                A00000002,GB,2.5,02/11/2026,,,,storage
                """;
        Map<String, String> enGb = Map.of("date-format", "dd/MM/yyyy");

        assertEquals(keys, keys(chunkOnce(zuora(KEY_COLUMNS), reExport)));
        assertEquals(keys, keys(chunkOnce(zuora(KEY_COLUMNS, enGb), otherLocale)));
    }

    @Test
    void aChangedKeyColumnMakesAnotherKeyAChangedQuantityKeepsIt() throws IOException {
        String key = keys(chunkOnce(zuora(KEY_COLUMNS), USAGE)).get(0);
        String otherCharge = USAGE.replace("S-1,C-1", "S-1,C-2");
        String corrected = USAGE.replace("Each,10,", "Each,12,").replace("api calls", "api calls corrected");

        assertNotEquals(key, keys(chunkOnce(zuora(KEY_COLUMNS), otherCharge)).get(0));
        // Zuora updates the record under that key: the corrected quantity replaces the first, never adds to it
        assertEquals(key, keys(chunkOnce(zuora(KEY_COLUMNS), corrected)).get(0));
    }

    @Test
    void theSameUsageTwiceInAFileIsRefusedNamingBothLinesAndNothingIsWritten() throws IOException {
        String csv = USAGE + "A00000003,Each,1,11/03/2026,,,,other\n"
                + "A00000001,Each,7,11/01/2026, 11/01/2026,S-1,C-1,api calls again\n";

        UsageBridgeFailure failure = refused(zuora(KEY_COLUMNS), csv);

        assertEquals(CoreFailureCode.USAGE_KEY_DUPLICATE, failure.code());
        assertEquals("1 problem(s): line 5: has the UNIQUE_KEY of line 2: '"
                + recipe("A00000001", "Each", "2026-11-01", "2026-11-01", "S-1", "C-1") + "' (derived from ["
                + KEY_COLUMNS.replace(",", ", ") + "]: the same values in those columns); two rows with one key "
                + "fail the whole import", failure.getMessage());
        assertEquals(List.of(), filesIn(dir.resolve("chunks")));
    }

    @Test
    void givenKeysAreCheckedForRepeatsWhenNoneAreDerived() throws IOException {
        String csv = """
                ACCOUNT_ID,UOM,QTY,STARTDATE,UNIQUE_KEY
                A1,Each,1,11/01/2026,k-1
                A2,Each,1,11/01/2026,
                A3,Each,1,11/01/2026,k-2
                A4,Each,1,11/01/2026,
                A5,Each,1,11/01/2026,k-1
                A6,Each,1,11/01/2026,k-2
                """;

        UsageBridgeFailure failure = refused(zuora(null), csv);

        assertEquals(CoreFailureCode.USAGE_KEY_DUPLICATE, failure.code());
        assertTrue(failure.getMessage().startsWith("2 problem(s): line 6: has the UNIQUE_KEY of line 2: 'k-1'; "),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("; line 7: has the UNIQUE_KEY of line 4: 'k-2'; "),
                failure.getMessage());
    }

    @Test
    void blankGivenKeysAreNoKeysAndTheFilePassesUnchanged() throws IOException {
        String csv = """
                ACCOUNT_ID,UOM,QTY,STARTDATE,UNIQUE_KEY
                A1,Each,1,11/01/2026,
                A2,Each,1,11/01/2026,k-1
                A3,Each,1,11/01/2026,
                """;

        assertEquals(csv, chunkOnce(zuora(null), csv));
    }

    @Test
    void withoutTheSettingChunksAreByteForByteWhatTheyWereBefore() throws IOException {
        CsvContract contract = zuora(null);
        CsvContract before = new CsvContract(contract.name(), contract.columns(), contract.rowRules());
        String withKeys = USAGE.replace("DESCRIPTION\n", "DESCRIPTION,UNIQUE_KEY\n")
                .replace("api calls\n", "api calls,k-1\n").replace("storage\n", "storage,k-2\n");

        for (String csv : List.of(USAGE, withKeys)) {
            ChunkFile now = chunk(contract, csv, Long.MAX_VALUE).get(0);
            ChunkFile then = chunk(before, csv, Long.MAX_VALUE).get(0);
            assertEquals(read(then), read(now));
            assertEquals(then.md5(), now.md5());
        }
    }

    @Test
    void aKeyGivenWhereKeysAreDerivedIsRefused() throws IOException {
        String csv = USAGE.replace("DESCRIPTION\n", "DESCRIPTION,UNIQUE_KEY\n")
                .replace("api calls\n", "api calls,\n").replace("storage\n", "storage,mine\n");

        UsageBridgeFailure failure = refused(zuora(KEY_COLUMNS), csv);

        assertEquals(CoreFailureCode.CSV_VALUE_INVALID, failure.code());
        assertTrue(failure.getMessage().contains("line 3, column UNIQUE_KEY, value 'mine': no value here: this target "
                + "derives UNIQUE_KEY from ["), failure.getMessage());
    }

    @Test
    void aKeyColumnOutsideTheContractRefusesBothZuoraTargetsAtStart() {
        for (var type : List.of(new ZuoraRestTarget(ZuoraRestKind.USAGE), new ZuoraSoapImportTarget())) {
            TargetConfig config = config(type.name(), "ACCOUNT_ID,UOM,START_DATE",
                    Map.of("username", "u", "password", "p"));
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> type.validate(config));
            assertTrue(refused.getMessage().startsWith("target.zuora-usage.unique-key-columns names 'START_DATE'"),
                    refused.getMessage());
        }
        TargetConfig itself = config("zuora-rest-usage", "ACCOUNT_ID,UNIQUE_KEY", Map.of());
        assertThrows(IllegalStateException.class, () -> new ZuoraRestTarget(ZuoraRestKind.USAGE).validate(itself));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** The README's recipe, written out: SHA-256 over name, U+001F, value, U+001E per key column; 32 hex. */
    private static String recipe(String account, String uom, String start, String end, String subscription,
                                 String charge) {
        String[] names = KEY_COLUMNS.split(",");
        String[] values = {account, uom, start, end, subscription, charge};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            text.append(names[i]).append('\u001F').append(values[i]).append('\u001E');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CsvContract zuora(String keyColumns) {
        return zuora(keyColumns, Map.of());
    }

    private static CsvContract zuora(String keyColumns, Map<String, String> more) {
        return ZuoraUsageContract.of(config("zuora-rest-usage", keyColumns, more));
    }

    private static TargetConfig config(String type, String keyColumns, Map<String, String> more) {
        Map<String, String> properties = new HashMap<>();
        properties.put("target.zuora-usage.type", type);
        if (keyColumns != null) {
            properties.put("target.zuora-usage.unique-key-columns", keyColumns);
        }
        more.forEach((k, v) -> properties.put("target.zuora-usage." + k, v));
        return TargetConfig.read("zuora-usage",
                new UsageBridgeSettings(key -> Optional.ofNullable(properties.get(key))));
    }

    private int runs;

    private List<ChunkFile> chunk(CsvContract contract, String csv, long maxRows) throws IOException {
        Path slice = dir.resolve("slice-" + ++runs + ".csv");
        Files.writeString(slice, csv);
        return chunker.chunk(slice, contract, Long.MAX_VALUE, maxRows, dir.resolve("out-" + runs), "usage");
    }

    private String chunkOnce(CsvContract contract, String csv) throws IOException {
        List<ChunkFile> chunks = chunk(contract, csv, Long.MAX_VALUE);
        assertEquals(1, chunks.size());
        return read(chunks.get(0));
    }

    private UsageBridgeFailure refused(CsvContract contract, String csv) throws IOException {
        Path slice = dir.resolve("slice.csv");
        Files.writeString(slice, csv);
        return assertThrows(UsageBridgeFailure.class,
                () -> chunker.chunk(slice, contract, Long.MAX_VALUE, Long.MAX_VALUE, dir.resolve("chunks"), "usage"));
    }

    /** The UNIQUE_KEY column of a chunk, row by row. */
    private static List<String> keys(String chunk) {
        List<String> lines = chunk.lines().toList();
        int column = List.of(lines.get(0).split(",")).indexOf("UNIQUE_KEY");
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)[column]).toList();
    }

    private static String read(ChunkFile chunk) {
        try {
            return Files.readString(chunk.path());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
