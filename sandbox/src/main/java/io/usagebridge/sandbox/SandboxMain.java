package io.usagebridge.sandbox;

import io.usagebridge.sandbox.insights.InsightsBatchSimulator;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox alone on fixed ports until the JVM is stopped. System properties override
 * the defaults: {@code sandbox.twocheckout.port} (8093), {@code sandbox.twocheckout.merchant},
 * {@code sandbox.twocheckout.secret-key}, {@code sandbox.sftp.enabled} (true),
 * {@code sandbox.sftp.port} (2222), {@code sandbox.sftp.root} ({@code data/sandbox/sftp}),
 * {@code sandbox.sftp.host-key} ({@code data/sandbox/sftp-host-key}), {@code sandbox.sftp.user},
 * {@code sandbox.sftp.password}, {@code sandbox.sftp.known-hosts} ({@code data/sandbox/known_hosts}),
 * {@code sandbox.insights.enabled} (true), {@code sandbox.insights.port} (8097), {@code sandbox.insights.store-port}
 * (8098), {@code sandbox.insights.api-token}, {@code sandbox.insights.data-source} (billing),
 * {@code sandbox.insights.record-types} (account,subscription), {@code sandbox.zuora-soap.enabled} (false),
 * {@code sandbox.zuora-soap.port} (8095), {@code sandbox.zuora-soap.username}, {@code sandbox.zuora-soap.password}.
 */
public final class SandboxMain {

    private static final String KNOWN_HOSTS_HOST = "localhost";
    private static final String INSIGHTS_DATA_SOURCE = System.getProperty("sandbox.insights.data-source", "billing");
    private static final String[] INSIGHTS_RECORD_TYPES = System.getProperty("sandbox.insights.record-types",
            "account,subscription").split(",");

    private SandboxMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        SandboxSettings settings = SandboxSettings.builder()
                .twoCheckoutPort(Integer.getInteger("sandbox.twocheckout.port", 8093))
                .twoCheckoutAccounts(Map.of(
                        System.getProperty("sandbox.twocheckout.merchant", SandboxSettings.DEFAULT_MERCHANT),
                        System.getProperty("sandbox.twocheckout.secret-key", SandboxSettings.DEFAULT_SECRET_KEY)))
                .sftpEnabled(Boolean.parseBoolean(System.getProperty("sandbox.sftp.enabled", "true")))
                .sftpPort(Integer.getInteger("sandbox.sftp.port", 2222))
                .sftpRoot(pathProperty("sandbox.sftp.root", SandboxSettings.DEFAULT_SFTP_ROOT))
                .sftpHostKeyFile(pathProperty("sandbox.sftp.host-key", SandboxSettings.DEFAULT_SFTP_HOST_KEY))
                .sftpUser(System.getProperty("sandbox.sftp.user", SandboxSettings.DEFAULT_SFTP_USER))
                .sftpPassword(System.getProperty("sandbox.sftp.password", SandboxSettings.DEFAULT_SFTP_PASSWORD))
                .build();
        Path knownHosts = pathProperty("sandbox.sftp.known-hosts", Path.of("data", "sandbox", "known_hosts"));

        SandboxServers servers = SandboxServers.start(settings);
        InsightsBatchSimulator insights = Boolean.parseBoolean(System.getProperty("sandbox.insights.enabled", "true"))
                ? startInsights() : null;
        ZuoraSoapSimulator zuoraSoap = Boolean.parseBoolean(System.getProperty("sandbox.zuora-soap.enabled", "false"))
                ? startZuoraSoap() : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (insights != null) {
                insights.stop();
            }
            if (zuoraSoap != null) {
                zuoraSoap.stop();
            }
            servers.close();
            stopped.countDown();
        }, "sandbox-shutdown"));

        // secrets are not printed: they are in the sandbox configuration already
        System.out.println("UsageBridge sandbox is running (Ctrl+C stops it)");
        System.out.println("  2Checkout usage receiver: " + servers.twoCheckout().url()
                + " (merchants " + settings.twoCheckoutAccounts().keySet() + "), what arrived: "
                + servers.twoCheckout().baseUrl() + SimulatorServer.STATE_PATH);
        if (servers.sftpEnabled()) {
            SftpServerSimulator sftp = servers.sftp();
            sftp.writeKnownHosts(knownHosts, KNOWN_HOSTS_HOST);
            System.out.println("  SFTP server: sftp://" + settings.sftpUser() + "@" + KNOWN_HOSTS_HOST + ":"
                    + sftp.port() + "/ serving " + settings.sftpRoot().toAbsolutePath());
            System.out.println("  known_hosts (written to " + knownHosts.toAbsolutePath() + "):");
            System.out.println("    " + sftp.knownHostsLine(KNOWN_HOSTS_HOST));
        }
        if (insights != null) {
            System.out.println("  Insights Batch API: " + insights.uploadUrl() + ", its signed-URL store on port "
                    + insights.storePort() + " (data source " + INSIGHTS_DATA_SOURCE + ": "
                    + String.join(",", INSIGHTS_RECORD_TYPES) + "), what arrived: " + insights.baseUrl()
                    + SimulatorServer.STATE_PATH);
        }
        if (zuoraSoap != null) {
            System.out.println("  Zuora SOAP (Import over MTOM): " + zuoraSoap.url() + ", what arrived: "
                    + zuoraSoap.baseUrl() + SimulatorServer.STATE_PATH);
        }
        stopped.await();
    }

    /** Zuora's SOAP API for Imports, one user from system properties. */
    private static ZuoraSoapSimulator startZuoraSoap() throws IOException {
        ZuoraSoapSimulator zuora = new ZuoraSoapSimulator();
        zuora.addUser(System.getProperty("sandbox.zuora-soap.username", "sandbox-usage@example.com"),
                System.getProperty("sandbox.zuora-soap.password", "sandbox-only-password"));
        zuora.start(Integer.getInteger("sandbox.zuora-soap.port", 8095));
        return zuora;
    }

    /** The Insights Batch API and its store; the token and a data source from system properties. */
    private static InsightsBatchSimulator startInsights() throws IOException {
        InsightsBatchSimulator insights = new InsightsBatchSimulator(
                System.getProperty("sandbox.insights.api-token", "sandbox-insights-token"));
        insights.addDataSource(INSIGHTS_DATA_SOURCE, INSIGHTS_RECORD_TYPES);
        insights.start(Integer.getInteger("sandbox.insights.port", 8097),
                Integer.getInteger("sandbox.insights.store-port", 8098));
        return insights;
    }

    private static Path pathProperty(String name, Path defaultPath) {
        String value = System.getProperty(name);
        return value == null ? defaultPath : Path.of(value);
    }
}
