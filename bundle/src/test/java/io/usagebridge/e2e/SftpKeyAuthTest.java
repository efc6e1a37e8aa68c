package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.sandbox.SftpServerSimulator;

/** SFTP intake with a private key file instead of a password. */
class SftpKeyAuthTest extends UsageBridgeTestSupport {

    private static Path serverRoot;
    private static SftpServerSimulator sftp;

    @BeforeAll
    static void startSftp() throws IOException {
        Path base = Files.createTempDirectory(Path.of("target"), "sftp-key-");
        serverRoot = base.resolve("root");
        Files.createDirectories(serverRoot);
        sftp = new SftpServerSimulator(serverRoot, base.resolve("host-key"));
        sftp.start(0);
    }

    @AfterAll
    static void stopSftp() {
        sftp.stop();
    }

    @Override
    protected Properties testProperties() {
        Properties p = SftpIntakeTest.sftpProperties(super.testProperties(), data, sftp.port(), "keyuser");
        Path clientKey = data.resolve("client-key");
        try {
            sftp.addKeyUser("keyuser", SftpServerSimulator.generateClientKey(clientKey).getPublic());
            sftp.writeKnownHosts(data.resolve("known_hosts"), "localhost");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.remove("intake.sftp.password");
        p.put("intake.sftp.private-key-file", clientKey.toString());
        return p;
    }

    @Test
    void privateKeyAuthenticationTakesTheFile() throws Exception {
        Path remote = serverRoot.resolve(data.getFileName().toString()).resolve("usage-key.csv");
        Files.createDirectories(remote.getParent());
        Path staging = data.resolve("staging.csv");
        Files.writeString(staging, usageCsv("2026-11-01,2026-11-01,metered-api,,SUB-9"));
        Files.move(staging, remote);
        await().atMost(30, SECONDS).until(() -> Files.exists(SftpIntakeTest.keptOnServer(
                remote.resolveSibling(".done"), "usage-key.csv")));
        assertEquals(1, twoCheckout.accepted().size());
    }
}
