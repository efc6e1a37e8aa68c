package io.usagebridge.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.usagebridge.ledger.Fingerprint;

/** One pass that copies a file and tells its MD5, SHA-256, size and lines. */
class StreamingFingerprinterTest {

    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    private final StreamingFingerprinter fingerprinter = new StreamingFingerprinter(8L * MB);

    @Test
    void digestsAreThoseOfTheBytes() throws IOException {
        byte[] bytes = new byte[300_000];
        new Random(42).nextBytes(bytes);
        Path file = dir.resolve("random.bin");
        Files.write(file, bytes);

        Fingerprint fp = fingerprinter.fingerprint(file);

        assertEquals(hex("MD5", bytes), fp.md5());
        assertEquals(hex("SHA-256", bytes), fp.sha256());
        assertEquals(bytes.length, fp.bytes());
    }

    @ParameterizedTest(name = "{0} -> {1} lines")
    @CsvSource(delimiter = '|', value = {
            "a\\nb\\nc\\n|3",
            "a\\nb\\nc|3",
            "a|1",
            "\\n|1",
            "a\\n\\nb|3",
            "a\\r\\nb\\r\\n|2"})
    void linesAreCountedWithOrWithoutAFinalNewline(String escaped, long lines) throws IOException {
        Path file = dir.resolve("lines.csv");
        Files.writeString(file, escaped.replace("\\n", "\n").replace("\\r", "\r"));

        assertEquals(lines, fingerprinter.fingerprint(file).rows());
    }

    @Test
    void emptyFileHasNoLines() throws IOException {
        Path file = dir.resolve("empty.csv");
        Files.createFile(file);

        Fingerprint fp = fingerprinter.fingerprint(file);

        assertEquals(0, fp.rows());
        assertEquals(0, fp.bytes());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", fp.md5());
    }

    @Test
    void twentyMegabyteFileIsCopiedByteForByteWithProgressEveryEightMegabytes() throws IOException {
        Path source = dir.resolve("big.csv");
        long lines = writeGenerated(source, 20);
        Path copy = dir.resolve("work").resolve("source").resolve("big.csv");
        List<Long> progress = new ArrayList<>();

        Fingerprint fp;
        try (InputStream in = Files.newInputStream(source)) {
            fp = fingerprinter.copyAndFingerprint(in, copy, progress::add);
        }

        assertEquals(-1, Files.mismatch(source, copy), "the copy is byte-identical");
        assertEquals(20L * MB, fp.bytes());
        assertEquals(lines, fp.rows());
        byte[] bytes = Files.readAllBytes(source);
        assertEquals(hex("MD5", bytes), fp.md5());
        assertEquals(hex("SHA-256", bytes), fp.sha256());
        assertEquals(2, progress.size(), progress.toString());
        assertTrue(progress.get(0) >= 8L * MB && progress.get(0) < 9L * MB, progress.toString());
        assertTrue(progress.get(1) >= 16L * MB && progress.get(1) < 17L * MB, progress.toString());
    }

    @Test
    void copyOfAStreamGivesTheSameFingerprintAsTheFile() throws IOException {
        byte[] bytes = "UsageStart,UsageEnd\n2026-11-01,2026-11-02\n".getBytes(StandardCharsets.UTF_8);
        Path copy = dir.resolve("a").resolve("b").resolve("usage.csv");

        Fingerprint copied = fingerprinter.copyAndFingerprint(new ByteArrayInputStream(bytes), copy, b -> { });

        assertEquals(fingerprinter.fingerprint(copy), copied);
        assertEquals(2, copied.rows());
    }

    @Test
    void lineFeedsAreCountedAtEveryOffsetOfAWord() throws IOException {
        Random random = new Random(11);
        for (int length : new int[] {1, 7, 8, 9, 15, 16, 17, 1000, 300_001}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            for (int i = 0; i < length; i++) {
                // every byte value near a line feed, and line feeds in runs, so no borrow or carry hides one
                if (random.nextInt(4) == 0) {
                    bytes[i] = (byte) (random.nextBoolean() ? '\n' : 0x0A ^ (1 << random.nextInt(8)));
                }
            }
            long expected = 0;
            for (byte b : bytes) {
                expected += b == '\n' ? 1 : 0;
            }
            Path file = dir.resolve("random-" + length + ".bin");
            Files.write(file, bytes);
            long lastLine = bytes[length - 1] == '\n' ? 0 : 1;

            Fingerprint fp = fingerprinter.fingerprint(file);

            assertEquals(expected + lastLine, fp.rows(), length + " bytes");
            assertEquals(hex("MD5", bytes), fp.md5(), length + " bytes");
        }
    }

    @Test
    void aCopyThatCannotBeWrittenFailsAndTheNextFileIsFingerprintedAsUsual() throws IOException {
        Path source = dir.resolve("big.csv");
        writeGenerated(source, 4);
        OutputStream fullDisk = new OutputStream() {
            private int writes;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (++writes == 3) {
                    throw new IOException("No space left on device");
                }
            }
        };

        IOException failure = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> fingerprinter.fingerprintInto(Files.newInputStream(source), fullDisk));

        assertEquals("No space left on device", failure.getMessage());
        assertEquals(hex("MD5", Files.readAllBytes(source)), fingerprinter.fingerprint(source).md5());
    }

    @Test
    void zuoraSampleHasItsKnownMd5() throws IOException {
        Path shared = Path.of("..", "..", "shared");
        Path sample = shared.resolve("reference").resolve("zuora-sample-usage.csv");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "shared/ is not beside the clone: " + shared.toAbsolutePath());

        Fingerprint fp = fingerprinter.fingerprint(sample);

        assertEquals("f3d1f8022f6f5d5d401b568cceccf734", fp.md5());
        assertEquals(Files.size(sample), fp.bytes());
        assertEquals(3, fp.rows(), "header, blank line, and a last row without a newline");
    }

    /** Writes {@code megabytes} MB of CSV-like lines (a 1 MB block of varied lines, repeated); returns the lines. */
    private static long writeGenerated(Path file, int megabytes) throws IOException {
        Random random = new Random(7);
        StringBuilder block = new StringBuilder(MB);
        long lines = 0;
        while (true) {
            String line = String.format("2026-11-01 10:%02d:00,OPT%d,SUB-%08d\n", random.nextInt(60),
                    random.nextInt(100), random.nextInt(100_000_000));
            if (block.length() + line.length() + 40 > MB) {
                break;
            }
            block.append(line);
            lines++;
        }
        block.append("x".repeat(MB - block.length() - 1)).append('\n');
        byte[] bytes = block.toString().getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < megabytes; i++) {
                out.write(bytes);
            }
        }
        return (lines + 1) * megabytes;
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
