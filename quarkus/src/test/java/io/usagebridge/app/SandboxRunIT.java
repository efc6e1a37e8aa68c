package io.usagebridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * README's sandbox run as a user runs it: {@code java -jar sandbox/target/usagebridge-sandbox-run.jar} from the
 * repository root, which starts the simulators and the packaged app (quarkus-run.jar) as a second process. The app
 * must exit by itself with 0, print one summary row per example (an Insights batch folder is one), and leave every
 * example in data/sandbox/done, failed or duplicate. Runs after package (failsafe); the sandbox module's package
 * wrote the runnable jar earlier in the reactor.
 */
class SandboxRunIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path RUN_JAR = ROOT.resolve("sandbox/target/usagebridge-sandbox-run.jar");
    private static final Path EXAMPLES = ROOT.resolve("examples/inbox");
    private static final Path DATA = ROOT.resolve("data/sandbox");
    private static final Path OUTPUT = Path.of("target/sandbox-run-it.log").toAbsolutePath();
    /** Measured at 35-45 s on two shared cores; a run that never goes idle fails here. */
    private static final long RUN_TIMEOUT_SECONDS = 240;

    /** Each example's expected outcome and detail (an Insights batch: its folder, a detail that names the date). */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "billing-receiver/billing-export-2026-11.csv", List.of("DONE", "billing-receiver ACCEPTED x1"),
            "insights/billing/2026-11-30", List.of("DONE", "2/2 record types stored with batchDate "),
            "usage-2026-11-01.csv", List.of("DONE", "twocheckout ACCEPTED x1"),
            "usage-2026-11-03-bad-date.csv", List.of("FAILED", "nothing new sent; CSV_VALUE_INVALID"),
            "usage-2026-11-04-resend-of-01.csv", List.of("DUPLICATE", "nothing new sent"),
            "zuora-revenue/revenue-schedules-2026-11.csv", List.of("DONE", "zuora-revenue ACCEPTED x1"),
            "zuora-usage/zuora-usage-2026-11.csv", List.of("DONE", "zuora-usage ACCEPTED x1"),
            "zuora/zuora-import-2026-11.csv", List.of("DONE", "zuora ACCEPTED x1"));

    private static int exitCode;
    private static List<String> output;

    @BeforeAll
    static void runTheSandbox() throws Exception {
        assertTrue(Files.isRegularFile(RUN_JAR), RUN_JAR + " missing: the sandbox module's `mvn package` writes it");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                ROOT.relativize(RUN_JAR).toString())
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(OUTPUT.toFile()).start();
        if (!run.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
            throw new AssertionError("the sandbox run did not end within " + RUN_TIMEOUT_SECONDS + " s; see " + OUTPUT);
        }
        exitCode = run.exitValue();
        output = Files.readAllLines(OUTPUT, StandardCharsets.UTF_8);
    }

    @Test
    void appExitsByItselfWithZero() {
        assertEquals(0, exitCode, "see " + OUTPUT);
        assertTrue(output.stream().anyMatch(l -> l.contains("idle: inbox data/sandbox/inbox empty")),
                "it exited because it was idle (ExitWhenIdle)");
        assertTrue(output.contains("sandbox: the app exited with 0; simulators stopped"));
    }

    @Test
    void summaryHasOneRowPerExampleWithItsFinalOutcome() throws IOException {
        PrintedRunSummary summary = PrintedRunSummary.from(output);
        assertEquals("UsageBridge run summary: 8 sources (6 DONE, 1 DUPLICATE, 1 FAILED)", summary.heading());
        assertEquals(exampleSources(), summary.rows().stream().map(PrintedRunSummary.Row::file)
                .collect(Collectors.toCollection(TreeSet::new)), "one row per example file or batch folder");
        assertEquals(EXPECTED.size(), summary.rows().size(), "no source twice: " + summary.rows());
        Map<String, PrintedRunSummary.Row> rows = new TreeMap<>();
        summary.rows().forEach(r -> rows.put(r.file(), r));
        EXPECTED.forEach((file, expected) -> {
            PrintedRunSummary.Row row = rows.get(file);
            assertEquals(expected.get(0), row.outcome(), file);
            assertTrue(row.detail().startsWith(expected.get(1)), file + ": " + row.detail());
        });
        assertEquals(rows.keySet().stream().toList(), summary.rows().stream().map(PrintedRunSummary.Row::file)
                .toList(), "sorted by name");
    }

    @Test
    void everyExampleEndedInDoneFailedOrDuplicateUnchanged() throws IOException {
        for (String file : List.of("usage-2026-11-01.csv", "billing-receiver/billing-export-2026-11.csv",
                "zuora-revenue/revenue-schedules-2026-11.csv",
                "zuora-usage/zuora-usage-2026-11.csv", "zuora/zuora-import-2026-11.csv",
                "insights/billing/2026-11-30/account.csv", "insights/billing/2026-11-30/subscription.ndjson")) {
            assertSameBytes(file, DATA.resolve("done").resolve(file));
        }
        assertSameBytes("usage-2026-11-03-bad-date.csv", DATA.resolve("failed/usage-2026-11-03-bad-date.csv"));
        assertSameBytes("usage-2026-11-04-resend-of-01.csv",
                DATA.resolve("duplicate/usage-2026-11-04-resend-of-01.csv"));
        assertEquals("CSV_VALUE_INVALID", new ObjectMapper().readTree(
                DATA.resolve("failed/usage-2026-11-03-bad-date.csv.error.json").toFile()).get("code").asText());
        assertTrue(Files.exists(DATA.resolve("done/zuora/zuora-import-2026-11.csv.zuora-result.zip")));
        assertTrue(Files.exists(DATA.resolve(
                "done/zuora-revenue/revenue-schedules-2026-11.csv.zuora-revenue-result.zip")));
        assertEquals(List.of(), filesBelow(DATA.resolve("inbox")), "nothing left in the inbox");
        assertEquals(List.of(), filesBelow(DATA.resolve("inflight")), "nothing left waiting");
    }

    @Test
    void eachSimulatorKeptWhatItsTargetsSent() throws IOException {
        for (String simulator : List.of("twocheckout", "zuora-rest", "zuora-soap", "insights",
                "http-multipart")) {
            assertFalse(filesBelow(DATA.resolve("received").resolve(simulator)).isEmpty(), simulator + " got nothing");
        }
        assertTrue(output.stream().anyMatch(l -> l.startsWith("sandbox:   2Checkout usage receiver")), "see " + OUTPUT);
    }

    @Test
    void noSecretOfTheSandboxProfileIsInTheLogTheLedgerOrAnyFileItKept() throws IOException {
        List<String> secrets = sandboxSecrets();
        assertTrue(secrets.size() >= 5, "every target's secret is known: " + secrets.size());
        String log = String.join("\n", output);
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret in the run's output; see " + OUTPUT);
        }
        // what the simulators received holds the credentials sent to them: that is their job, not a leak
        for (Path file : filesBelow(DATA).stream().filter(f -> !f.startsWith(DATA.resolve("received"))).toList()) {
            byte[] bytes = Files.readAllBytes(file);
            for (String secret : secrets) {
                assertEquals(-1, indexOf(bytes, secret.getBytes(StandardCharsets.UTF_8)),
                        "a secret in " + DATA.relativize(file));
            }
        }
    }

    /** The credential values of the %sandbox. targets in config/application.properties. */
    private static List<String> sandboxSecrets() throws IOException {
        Pattern secret = Pattern.compile(
                "^%sandbox\\.target\\.[^.]+\\.(secret-key|client-secret|password|api-token|token)\\s*=\\s*(\\S+)\\s*$");
        return Files.readAllLines(ROOT.resolve("config/application.properties")).stream().map(secret::matcher)
                .filter(Matcher::matches).map(m -> m.group(2)).distinct().toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertSameBytes(String example, Path kept) throws IOException {
        assertTrue(Files.exists(kept), kept + " missing; see " + OUTPUT);
        assertEquals(-1L, Files.mismatch(EXAMPLES.resolve(example), kept), kept + " differs from the example");
    }

    /** Each example file, and each Insights batch folder as one source. */
    private static TreeSet<String> exampleSources() throws IOException {
        TreeSet<String> sources = new TreeSet<>();
        for (Path file : filesBelow(EXAMPLES)) {
            String name = EXAMPLES.relativize(file).toString();
            sources.add(name.startsWith("insights/") ? EXAMPLES.relativize(file.getParent()).toString() : name);
        }
        return sources;
    }

    private static List<Path> filesBelow(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
