package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.SftpServerSimulator;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;

/**
 * An SFTP source whose target works asynchronously (Zuora REST usage): the original waits in the server's
 * .inflight/ while the import is followed, then is moved on the server to .done/ by the instance that saw the
 * import complete, long after the intake's own exchange ended.
 */
class SftpPolledTargetTest extends UsageBridgeTestSupport {

    private static final String USER = "usage";
    private static final String USAGE = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
            + "A00000001,Each,10,11/01/2026,11/01/2026,,,sftp usage\n";

    private static Path serverRoot;
    private static SftpServerSimulator sftp;
    private static ZuoraRestSimulator zuora;

    @BeforeAll
    static void startServers() throws IOException {
        Path base = Files.createTempDirectory(Path.of("target"), "sftp-");
        serverRoot = Files.createDirectories(base.resolve("root"));
        sftp = new SftpServerSimulator(serverRoot, base.resolve("host-key"));
        sftp.addPasswordUser(USER, "sftp-test-password");
        sftp.start(0);
        zuora = new ZuoraRestSimulator();
        zuora.addClient("zuora-client", "zuora-test-secret");
        zuora.start(0);
    }

    @AfterAll
    static void stopServers() {
        sftp.stop();
        zuora.stop();
    }

    @Override
    protected Properties testProperties() {
        Properties p = SftpIntakeTest.sftpProperties(super.testProperties(), data, sftp.port(), USER);
        p.put("usagebridge.targets", "twocheckout,zuora-usage");
        p.put("target.zuora-usage.type", "zuora-rest-usage");
        p.put("target.zuora-usage.base-url", zuora.baseUrl());
        p.put("target.zuora-usage.client-id", "zuora-client");
        p.put("target.zuora-usage.client-secret", "zuora-test-secret");
        p.put("target.zuora-usage.file-glob", "zuora-*.csv");
        p.put("target.zuora-usage.poll-initial-delay-ms", "300");
        p.put("target.zuora-usage.poll-max-delay-ms", "300");
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-zuora-usage.camel.yaml");
    }

    @Test
    void originalWaitsInTheServersInflightFolderThenMovesToDoneOnTheServer() throws Exception {
        zuora.setPollsToComplete(6);
        sftp.writeKnownHosts(data.resolve("known_hosts"), "localhost");
        Path dir = serverRoot.resolve(data.getFileName().toString());
        Path staging = data.resolve("staging.csv");
        Files.writeString(staging, USAGE);
        Files.createDirectories(dir);
        Files.move(staging, dir.resolve("zuora-usage-sftp.csv"));

        await().atMost(30, SECONDS).until(() -> Files.exists(SftpIntakeTest.keptOnServer(dir.resolve(".inflight"),
                "zuora-usage-sftp.csv")));
        await().atMost(30, SECONDS).until(() -> Files.exists(SftpIntakeTest.keptOnServer(dir.resolve(".done"),
                "zuora-usage-sftp.csv")));

        assertFalse(Files.exists(SftpIntakeTest.keptOnServer(dir.resolve(".inflight"), "zuora-usage-sftp.csv")));
        assertEquals(USAGE, Files.readString(SftpIntakeTest.keptOnServer(dir.resolve(".done"),
                "zuora-usage-sftp.csv")));
        assertEquals(1, zuora.jobCount());
        assertEquals(DeliveryState.ACCEPTED, ledger().deliveries().deliveriesTo("zuora-usage").get(0).state());
    }
}
