package io.usagebridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.sandbox.SimulatorServer;
import io.usagebridge.sandbox.run.PreviewMatch;
import io.usagebridge.sandbox.run.SandboxProfile;
import io.usagebridge.sandbox.run.SimulatedTargets;

/**
 * README's dry run as a user runs it, on the packaged app: {@code java -jar quarkus-run.jar dry-run} of the example
 * inbox against the sandbox's simulators calls none of them, writes no ledger and leaves the inbox as it was; then a
 * real run of the same inbox sends byte for byte what the preview holds, with the same signed fields and headers.
 * Runs after package (failsafe).
 */
class DryRunIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path APP = ROOT.resolve("quarkus/target/quarkus-app/quarkus-run.jar");
    private static final Path CONFIG = ROOT.resolve("config/application.properties");
    private static final Path EXAMPLES = ROOT.resolve("examples/inbox");
    private static final long RUN_TIMEOUT_SECONDS = 240;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDryRunOfTheExampleInboxSendsNothingAndItsPreviewIsWhatTheRealRunSends() throws Exception {
        assertTrue(Files.isRegularFile(APP), APP + " missing: `mvn package` writes it");
        Path base = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "dry-run-");
        Path inbox = copy(EXAMPLES, base.resolve("inbox"));
        Path preview = base.resolve("preview");
        SandboxProfile profile = SandboxProfile.read(CONFIG);
        try (SimulatedTargets simulators = SimulatedTargets.start(profile, base.resolve("received"))) {
            Map<String, String> inboxBefore = snapshot(inbox);

            Run dry = app(simulators, base, "dry-run", "--inbox", inbox.toString(), "--preview", preview.toString());

            assertEquals(1, dry.exit(), "a file of the inbox would fail: " + dry.output());
            assertEquals(0, requests(simulators), "no simulator was called (no token, no login either)");
            assertEquals(inboxBefore, snapshot(inbox), "every inbox file in place, unchanged");
            assertFalse(Files.exists(base.resolve("ledger")), "the configured ledger was not even opened");
            assertTrue(dry.output().contains("usage-2026-11-01.csv: would send twocheckout 1 chunk(s), 3 rows"),
                    dry.output());
            assertTrue(dry.output().contains("usage-2026-11-03-bad-date.csv: would fail CSV_VALUE_INVALID"),
                    dry.output());

            Run real = app(simulators, base);

            assertEquals(0, real.exit(), real.output());
            assertEquals(List.of(), PreviewMatch.problems(preview, profile, simulators),
                    "each previewed request arrived once, byte for byte, with the same fields and headers");
            JsonNode previewed = json.readTree(preview.resolve("usage-2026-11-03-bad-date.csv/error.json").toFile());
            JsonNode failed = json.readTree(base.resolve("failed/usage-2026-11-03-bad-date.csv.error.json").toFile());
            assertEquals(failed.path("code"), previewed.path("code"));
            assertEquals(failed.path("message"), previewed.path("message"));
        }
    }

    private record Run(int exit, String output) {
    }

    /** The packaged app on the sandbox profile, its targets the simulators, every folder and the ledger in base. */
    private static Run app(SimulatedTargets simulators, Path base, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.profile=sandbox"));
        simulators.appOverrides().forEach((key, value) -> command.add("-D" + key + "=" + value));
        for (String folder : List.of("dir", "done-dir", "failed-dir", "duplicate-dir", "inflight-dir")) {
            command.add("-Dintake.folder." + folder + "=" + base.resolve(folder.equals("dir") ? "inbox"
                    : folder.replace("-dir", "")));
        }
        command.add("-Dledger.url=jdbc:h2:file:" + base.resolve("ledger/usagebridge"));
        command.add("-Dusagebridge.work-dir=" + base.resolve("work"));
        command.add("-Dcommands.dir=" + base.resolve("commands"));
        command.add("-jar");
        command.add(APP.toString());
        command.addAll(List.of(args));
        Path log = base.resolve((args.length == 0 ? "real" : "dry") + "-run.log");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the app did not end within " + RUN_TIMEOUT_SECONDS + " s; see " + log);
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static int requests(SimulatedTargets simulators) {
        return simulators.simulators(SimulatorServer.class).stream().mapToInt(SimulatorServer::requestCount).sum();
    }

    /** Each file's path with its size and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString(), Files.size(f) + " " + Files.getLastModifiedTime(f));
            }
        }
        return files;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        return to;
    }
}
