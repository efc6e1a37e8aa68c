package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.intake.IntakePollMonitor;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.SftpServerSimulator;

/** Intake from a real SFTP server (Apache MINA SSHD in-process) with the host key checked. */
class SftpIntakeTest extends UsageBridgeTestSupport {

    private static final String USER = "usage";
    private static final String PASSWORD = "sftp-test-password";
    private static Path serverRoot;
    private static SftpServerSimulator sftp;

    @BeforeAll
    static void startSftp() throws IOException {
        Path base = Files.createTempDirectory(Path.of("target"), "sftp-");
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
        return sftpProperties(super.testProperties(), data, sftp.port(), USER);
    }

    /** Intake from the test server's {@code <test data folder name>} directory; password from the test. */
    static Properties sftpProperties(Properties p, Path data, int port, String user) {
        p.put("intake.folder.enabled", "false");
        p.put("intake.sftp.enabled", "true");
        p.put("intake.sftp.host", "localhost");
        p.put("intake.sftp.port", String.valueOf(port));
        p.put("intake.sftp.dir", data.getFileName().toString());
        p.put("intake.sftp.user", user);
        p.put("intake.sftp.password", PASSWORD);
        p.put("intake.sftp.known-hosts-file", data.resolve("known_hosts").toString());
        p.put("intake.sftp.local-work-dir", data.resolve("sftp-work").toString());
        p.put("intake.sftp.local-failed-dir", data.resolve("sftp-failed").toString());
        p.put("intake.sftp.poll-delay-ms", "200");
        p.put("intake.sftp.read-lock-check-interval-ms", "100");
        return p;
    }

    /**
     * Where the server keeps an original in one of its outcome folders: remote names carry the source id, since
     * the server's folders cannot be looked into before the move (an existing name would be overwritten).
     */
    static Path keptOnServer(Path folder, String name) {
        String stem = name.substring(0, name.lastIndexOf('.'));
        String extension = name.substring(name.lastIndexOf('.'));
        if (!Files.isDirectory(folder)) {
            return folder.resolve(name);
        }
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(stem)
                    + "(\\.[0-9]+)+" + java.util.regex.Pattern.quote(extension))).findFirst()
                    .orElse(folder.resolve(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String remoteDir() {
        return data.getFileName().toString();
    }

    private Path putOnServer(String name, String content) throws IOException {
        Path staging = data.resolve("staging-" + name);
        Files.writeString(staging, content);
        Path remote = serverRoot.resolve(remoteDir()).resolve(name);
        Files.createDirectories(remote.getParent());
        return Files.move(staging, remote);
    }

    @Test
    void fileFromSftpReachesTwoCheckoutOnceAndMovesToRemoteDone() throws Exception {
        sftp.writeKnownHosts(data.resolve("known_hosts"), "localhost");
        String csv = usageCsv("2026-11-01,2026-11-01,metered-api,sftp,SUB-9");
        putOnServer("usage-sftp.csv", csv);

        Path doneFolder = serverRoot.resolve(remoteDir()).resolve(".done");
        await().atMost(30, SECONDS).until(() -> Files.exists(keptOnServer(doneFolder, "usage-sftp.csv")));
        Path remoteDone = keptOnServer(doneFolder, "usage-sftp.csv");
        assertEquals(csv, Files.readString(remoteDone), "the original is kept byte for byte on the server");
        assertEquals(1, twoCheckout.accepted().size());
        assertEquals(twoCheckout.accepted().get(0).fileMd5(), twoCheckout.accepted().get(0).fields().get("file_MD5"));
        assertEquals(DeliveryState.ACCEPTED, ledger().deliveries().deliveriesTo("twocheckout").get(0).state());
        assertTrue(ledger().sources().sourcesNamed("usage-sftp.csv").get(0).origin().startsWith("sftp://localhost:"));
    }

    @Test
    void serverWithAnotherHostKeyIsRefusedAndNothingIsTaken() throws Exception {
        Path otherKey = data.resolve("other-key");
        SftpServerSimulator.generateClientKey(otherKey);
        String[] pub = Files.readString(otherKey.resolveSibling("other-key.pub")).trim().split(" ");
        Files.writeString(data.resolve("known_hosts"), "[localhost]:" + sftp.port() + " " + pub[0] + " " + pub[1] + "\n");
        Path remote = putOnServer("usage-sftp.csv", usageCsv("2026-11-01,2026-11-01,metered-api,,SUB-9"));

        IntakePollMonitor monitor = context.getRegistry().lookupByNameAndType("intakePollMonitor",
                IntakePollMonitor.class);
        await().atMost(30, SECONDS).until(() -> monitor.state("intake-sftp")
                .map(s -> s.lastError() != null && s.lastError().startsWith("SFTP_HOST_KEY_REJECTED")).orElse(false));
        assertTrue(Files.exists(remote), "the file stays on the server");
        assertEquals(0, twoCheckout.requestCount());
        assertEquals(List.of(), ledger().sources().sourcesNamed("usage-sftp.csv"));
    }
}
