package io.usagebridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.usagebridge.sandbox.insights.InsightsBatchSimulator;
import io.usagebridge.sandbox.insights.StoredRecordFile;

/**
 * A record type's file at the Batch API's 100 MB limit goes through the app with its heap capped at 128 MB: the
 * app runs in a JVM of its own (-Xmx128m, {@link InsightsLargeFileApp}), the simulator here; the file is generated
 * in target/ and deleted afterwards.
 */
class InsightsLargeFileTest {

    private static final String TOKEN = "large-file-token";
    /** As large as the Batch API takes (100 MB = 104857600 bytes), less a few bytes. */
    private static final long SIZE_LIMIT = 100L * 1024 * 1024;

    private InsightsBatchSimulator insights;
    private Path data;

    @BeforeEach
    void start() throws IOException {
        Path storage = Files.createDirectories(Path.of("target", "test-data"));
        data = Files.createTempDirectory(storage, "large-").toAbsolutePath();
        insights = new InsightsBatchSimulator(TOKEN, data.resolve("store"));
        insights.addDataSource("billing", "account", "subscription");
        insights.start();
    }

    @AfterEach
    void stop() throws IOException {
        insights.stop();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void fileOf100MbIsUploadedWithTheHeapCappedAt128MbAndItsMd5MatchesAtTheStore() throws Exception {
        Path batch = Files.createDirectories(data.resolve("inbox/insights/billing/2026-11-30"));
        Path account = batch.resolve("account.csv");
        long bytes = writeLargeCsv(account);
        Files.writeString(batch.resolve("subscription.ndjson"), "{\"id\":\"S-1\",\"account_id\":\"a-0000001\"}\n");
        String md5 = md5(account);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp", classPath(),
                InsightsLargeFileApp.class.getName(), data.toString(), insights.uploadUrl(), TOKEN));
        // beside the test data, which is deleted afterwards: kept for a look when the test fails
        Path log = Path.of("target", "insights-large-file-app.log").toAbsolutePath();
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = app.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            app.destroyForcibly();
        }
        String output = Files.readString(log);
        String summary = output.lines().filter(l -> l.startsWith("insights-large-file:")).findFirst().orElse("");
        System.out.println(summary);
        assertTrue(ended, "the app did not finish: " + tail(output));
        assertEquals(0, app.exitValue(), "the batch did not reach done/: " + tail(output));

        StoredRecordFile stored = insights.storedFiles().stream().filter(f -> f.recordType().equals("account"))
                .findFirst().orElseThrow();
        assertEquals(bytes, stored.bytes());
        assertEquals(md5, stored.md5());
        assertEquals(md5, md5(stored.file()), "the bytes on the store's disk");
        assertTrue(insights.batchLoaded("billing", stored.batchDate()));
        assertTrue(Files.exists(data.resolve("done/insights/billing/2026-11-30/account.csv")));
    }

    /** A valid CSV just under the Batch API's limit, written in one pass. */
    private static long writeLargeCsv(Path file) throws IOException {
        long bytes = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String header = "id,name,created,active,mrr,note\n";
            out.write(header);
            bytes += header.length();
            for (int i = 1; ; i++) {
                String row = String.format("a-%07d,\"Customer %07d, Inc\",2026-11-%02d 10:15:00Z,%s,%d.%02d,"
                        + "plain text for line %d\n", i, i, 1 + i % 28, i % 2 == 0 ? "true" : "false", i % 100_000,
                        i % 100, i);
                if (bytes + row.length() > SIZE_LIMIT - 1) {
                    break;
                }
                out.write(row);
                bytes += row.length();
            }
        }
        assertEquals(bytes, Files.size(file));
        return bytes;
    }

    private static String classPath() {
        // surefire runs tests from a manifest-only jar; this property holds the real test class path
        String testClassPath = System.getProperty("surefire.test.class.path");
        return testClassPath != null ? testClassPath : System.getProperty("java.class.path");
    }

    private static String md5(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("MD5");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String tail(String output) {
        return output.length() > 6000 ? output.substring(output.length() - 6000) : output;
    }

}
