package io.usagebridge.intake;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ReadmeExamples;
import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceState;
import io.usagebridge.sandbox.SftpServerSimulator;

/**
 * sftp-source as README shows it for a partner's SFTP drop (the block read from README.md), against an in-process
 * SFTP server (Apache MINA SSHD) whose host key is checked: a password with URI-special characters logs in, no
 * private key or marker is given, and the originals are moved on the server to the default outcome folders.
 */
class SftpSourceTemplateTest extends UsageBridgeTestSupport {

    private static final String USER = "partner";
    private static final String PASSWORD = "p&ss+w%rd=1";
    private static final String GOOD = usageCsv("2026-11-01,2026-11-01,metered-api,sftp,SUB-8");
    private static final String BAD = usageCsv("2026-11-01,not-a-date,metered-api,,SUB-8");

    private static Path serverRoot;
    private static SftpServerSimulator sftp;

    @BeforeAll
    static void startSftp() throws IOException {
        Path base = Files.createTempDirectory(Path.of("target"), "sftp-source-");
        serverRoot = base.resolve("root");
        Files.createDirectories(serverRoot);
        sftp = new SftpServerSimulator(serverRoot, base.resolve("host-key"));
        sftp.addPasswordUser(USER, PASSWORD);
        sftp.start(0);
    }

    @AfterAll
    static void stopSftp() {
        sftp.stop();
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("intake.partner-sftp.host", "localhost");
        p.put("intake.partner-sftp.port", String.valueOf(sftp.port()));
        p.put("intake.partner-sftp.dir", remoteDir());
        p.put("intake.partner-sftp.user", USER);
        p.put("intake.partner-sftp.password", PASSWORD);
        p.put("intake.partner-sftp.known-hosts-file", data.resolve("known_hosts").toString());
        try {
            sftp.writeKnownHosts(data.resolve("known_hosts"), "localhost");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the template's defaults for a source: these keys, and one local folder per host and dir below them
        p.put("intake.sftp.local-work-dir", data.resolve("sftp-work").toString());
        p.put("intake.sftp.local-failed-dir", data.resolve("sftp-failed").toString());
        p.put("intake.sftp.poll-delay-ms", "200");
        p.put("intake.sftp.read-lock-check-interval-ms", "100");
        p.put("intake.sftp.read-lock-min-age-ms", "200");
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return List.of(ReadmeExamples.writeInto(data.resolve("user-routes"), "intake-partner-sftp"));
    }

    private String remoteDir() {
        return data.getFileName().toString() + "-partner";
    }

    private Path remote() {
        return serverRoot.resolve(remoteDir());
    }

    @Test
    void readmesSftpSourceMovesGoodBadAndCopiedFilesOnTheServer() throws Exception {
        putOnServer("partner-good.csv", GOOD);
        await().atMost(30, SECONDS).until(() -> kept(remote().resolve(".done"), "partner-good").isPresent());
        assertEquals(GOOD, Files.readString(kept(remote().resolve(".done"), "partner-good").orElseThrow()));
        SourceRow good = ledger().sources().sourcesNamed("partner-good.csv").get(0);
        assertEquals(SourceState.DONE, good.state());
        assertEquals("intake-partner-sftp", good.intakeRoute());
        assertTrue(good.origin().startsWith("sftp://localhost:"), good.origin());
        assertEquals(1, twoCheckout.accepted().size());

        putOnServer("partner-bad.csv", BAD);
        await().atMost(30, SECONDS).until(() -> kept(remote().resolve(".failed"), "partner-bad").isPresent());
        Path sidecars = data.resolve("sftp-failed").resolve("localhost").resolve(remoteDir());
        await().atMost(10, SECONDS).until(() -> sidecar(sidecars, "partner-bad").isPresent());
        JsonNode error = new ObjectMapper().readTree(sidecar(sidecars, "partner-bad").orElseThrow().toFile());
        assertEquals("CSV_VALUE_INVALID", error.get("code").asText());
        assertEquals(SourceState.FAILED, ledger().sources().sourcesNamed("partner-bad.csv").get(0).state());

        putOnServer("partner-good-again.csv", GOOD);
        await().atMost(30, SECONDS).until(() -> kept(remote().resolve(".duplicate"), "partner-good-again")
                .isPresent());
        assertEquals(SourceState.DUPLICATE, ledger().sources().sourcesNamed("partner-good-again.csv").get(0).state());
        assertEquals(1, twoCheckout.requestCount(), "the bad file and the copy sent nothing");
        assertTrue(Files.isDirectory(data.resolve("sftp-work").resolve("localhost").resolve(remoteDir())),
                "downloads went to this source's own local folder");
    }

    private void putOnServer(String name, String content) throws IOException {
        Path staging = data.resolve("staging-" + name);
        Files.writeString(staging, content);
        Files.createDirectories(remote());
        Files.move(staging, remote().resolve(name));
    }

    /** An original kept on the server: remote names carry the source id ({@code partner-good.<id>.csv}). */
    private static Optional<Path> kept(Path folder, String stem) throws IOException {
        return find(folder, stem, ".csv");
    }

    private static Optional<Path> sidecar(Path folder, String stem) throws IOException {
        return find(folder, stem, ".csv.error.json");
    }

    private static Optional<Path> find(Path folder, String stem, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches(stem + "(\\.[0-9]+)+"
                    + suffix.replace(".", "\\."))).findFirst();
        }
    }
}
