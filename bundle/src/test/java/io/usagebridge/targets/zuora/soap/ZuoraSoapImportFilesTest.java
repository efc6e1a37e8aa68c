package io.usagebridge.targets.zuora.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.csv.ChunkFile;
import io.usagebridge.csv.UsageChunker;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/** The size policy on a small limit: as is, zipped, or cut on rows into zips that fit; never a byte lost. */
class ZuoraSoapImportFilesTest {

    private static final long LIMIT = 4_000;
    private static final String HEADER = "ACCOUNT_ID,UOM,QTY,STARTDATE,DESCRIPTION";

    @TempDir
    Path dir;

    private final ZuoraImportFiles files = new ZuoraImportFiles(new UsageChunker(20), LIMIT);

    @Test
    void fileWithinTheLimitGoesAsItIs() throws Exception {
        ChunkFile shaped = shaped(rows(20, false));

        List<ChunkFile> out = files.fit(List.of(shaped), dir.resolve("out"), "usage");

        assertEquals(1, out.size());
        assertEquals("usage.csv", out.get(0).fileName());
        assertEquals(md5(out.get(0).path()), out.get(0).md5());
        assertEquals(20, out.get(0).rows());
    }

    @Test
    void fileOverTheLimitThatCompressesGoesZippedWithOneEntryAtTheRoot() throws Exception {
        List<String> rows = rows(400, false);
        ChunkFile shaped = shaped(rows);
        assertTrue(shaped.bytes() > LIMIT);

        List<ChunkFile> out = files.fit(List.of(shaped), dir.resolve("out"), "usage");

        assertEquals(1, out.size());
        ChunkFile zip = out.get(0);
        assertEquals("usage.zip", zip.fileName());
        assertTrue(zip.bytes() <= LIMIT);
        assertEquals(md5(zip.path()), zip.md5());
        assertEquals(List.of("usage.csv"), entries(zip.path()));
        assertEquals(withHeader(rows), unzip(zip.path()));
    }

    @Test
    void fileWhoseZipIsTooLargeIsCutOnRowsIntoZipsThatFit() throws Exception {
        List<String> rows = rows(300, true);
        ChunkFile shaped = shaped(rows);

        List<ChunkFile> out = files.fit(List.of(shaped), dir.resolve("out"), "usage");

        assertTrue(out.size() >= 3, out.size() + " parts");
        List<String> received = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            ChunkFile part = out.get(i);
            assertEquals(i + 1, part.index());
            assertEquals(out.size(), part.count());
            assertTrue(part.bytes() <= LIMIT, part.fileName() + " has " + part.bytes() + " bytes");
            assertEquals(md5(part.path()), part.md5());
            List<String> lines = part.fileName().endsWith(".zip") ? unzip(part.path())
                    : Files.readAllLines(part.path());
            if (part.fileName().endsWith(".zip")) {
                assertEquals(1, entries(part.path()).size());
                assertTrue(!entries(part.path()).get(0).contains("/"));
            }
            assertEquals(HEADER, lines.get(0), "every part has the header");
            assertEquals(part.rows(), lines.size() - 1);
            received.addAll(lines.subList(1, lines.size()));
        }
        assertEquals(rows, received, "every row once, in order");
        assertEquals(String.format("usage.part-001-of-%03d.zip", out.size()), out.get(0).fileName());
    }

    @Test
    void rowThatDoesNotFitEvenZippedIsRefusedWithTheLimitCode() throws Exception {
        List<String> rows = new ArrayList<>(rows(3, true));
        rows.add("A9," + "Each,1,11/01/2026," + randomText(new Random(7), 8_000));
        ChunkFile shaped = shaped(rows);

        UsageBridgeFailure failure = assertThrows(UsageBridgeFailure.class,
                () -> files.fit(List.of(shaped), dir.resolve("out"), "usage"));

        assertEquals(CoreFailureCode.TARGET_LIMIT_EXCEEDED, failure.code());
    }

    @Test
    void sameRowsMakeTheSameZip() throws Exception {
        List<String> rows = rows(400, false);
        String first = files.fit(List.of(shaped(rows)), dir.resolve("a"), "usage").get(0).md5();
        String second = files.fit(List.of(shaped(rows)), dir.resolve("b"), "usage").get(0).md5();

        assertEquals(first, second);
    }

    private ChunkFile shaped(List<String> rows) throws Exception {
        Path file = Files.createTempFile(dir, "shaped-", ".csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : withHeader(rows)) {
                out.write(line);
                out.write('\n');
            }
        }
        return new ChunkFile(1, 1, file, md5(file), Files.size(file), rows.size());
    }

    private static List<String> withHeader(List<String> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(rows);
        return lines;
    }

    private static List<String> rows(int n, boolean highEntropy) {
        Random random = new Random(42);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(String.format("A%08d,Each,%d,11/01/2026,%s", i, i % 7 + 1,
                    highEntropy ? randomText(random, 60) : "api calls of the month"));
        }
        return rows;
    }

    private static String randomText(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static List<String> unzip(Path zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            assertNull(in.getNextEntry());
            return entry == null ? List.of() : lines;
        }
    }

    private static String md5(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}
