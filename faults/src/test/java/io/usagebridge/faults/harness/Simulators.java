package io.usagebridge.faults.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.usagebridge.sandbox.SftpServerSimulator;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;
import io.usagebridge.sandbox.insights.InsightsBatchSimulator;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;

/**
 * The sandbox's simulators, inside the test JVM on free loopback ports, with the accounts the app is configured
 * with. Their fault knobs are used directly ({@link #twoCheckout()}, ...); {@link #arrivals()} counts what they
 * accepted, by the row ids inside the uploads.
 */
public final class Simulators implements AutoCloseable {

    public static final String MERCHANT = "FAULTSMERCHANT";
    public static final String SECRET_KEY = "faults-secret-key";
    public static final String ZUORA_CLIENT_ID = "faults-client";
    public static final String ZUORA_CLIENT_SECRET = "faults-client-secret";
    public static final String INSIGHTS_TOKEN = "faults-insights-token";
    public static final String SFTP_USER = "usage";
    public static final String SFTP_PASSWORD = "faults-sftp-password";

    private final TwoCheckoutReceiverSimulator twoCheckout;
    private final ZuoraRestSimulator zuora;
    private final InsightsBatchSimulator insights;
    private final Path dir;
    private SftpServerSimulator sftp;
    private int sftpPort;

    private Simulators(Path dir) {
        this.dir = dir;
        // storage folders given: uploads stay on disk after a stop, for a look after a failed row
        twoCheckout = new TwoCheckoutReceiverSimulator(dir.resolve("twocheckout"));
        zuora = new ZuoraRestSimulator(dir.resolve("zuora"));
        insights = new InsightsBatchSimulator(INSIGHTS_TOKEN, dir.resolve("insights"));
    }

    /** Starts 2Checkout, Zuora REST and Insights (cheap: one HTTP server each). */
    public static Simulators start(Path dir) {
        Simulators simulators = new Simulators(dir);
        try {
            simulators.twoCheckout.addAccount(MERCHANT, SECRET_KEY);
            simulators.twoCheckout.start(0);
            simulators.zuora.addClient(ZUORA_CLIENT_ID, ZUORA_CLIENT_SECRET);
            // the first status poll already reports Completed unless a row asks for more
            simulators.zuora.setPollsToComplete(2);
            simulators.zuora.start(0);
            simulators.insights.addDataSource(UsageFiles.INSIGHTS_DATA_SOURCE,
                    UsageFiles.INSIGHTS_RECORD_TYPES.toArray(String[]::new));
            simulators.insights.start();
        } catch (IOException e) {
            simulators.close();
            throw new UncheckedIOException("starting the simulators", e);
        }
        return simulators;
    }

    /** Starts the SFTP server (root: simulators/sftp-root) and writes a known_hosts file for it. */
    public Path startSftp(Path knownHosts) {
        sftp = new SftpServerSimulator(dir.resolve("sftp-root"), dir.resolve("sftp-host-key"));
        sftp.addPasswordUser(SFTP_USER, SFTP_PASSWORD);
        try {
            sftp.start(0);
            sftpPort = sftp.port();
            sftp.writeKnownHosts(knownHosts, "localhost");
        } catch (IOException e) {
            throw new UncheckedIOException("starting the SFTP server", e);
        }
        return knownHosts;
    }

    /** Stops the SFTP server at once (open sessions drop). */
    public void stopSftp() {
        sftp.stop();
    }

    /** Starts it again on the same port with the same host key. */
    public void startSftpAgain() {
        try {
            sftp.start(sftpPort);
        } catch (IOException e) {
            throw new UncheckedIOException("restarting the SFTP server", e);
        }
    }

    public TwoCheckoutReceiverSimulator twoCheckout() {
        return twoCheckout;
    }

    public ZuoraRestSimulator zuora() {
        return zuora;
    }

    public InsightsBatchSimulator insights() {
        return insights;
    }

    public SftpServerSimulator sftp() {
        return sftp;
    }

    /** A directory of the SFTP server as a local path (the server serves its root folder). */
    public Path sftpDir(String remoteDir) {
        return sftp.rootDir().resolve(remoteDir);
    }

    /** True while 2Checkout holds the answer to an upload it kept ({@code delayNext}). */
    public boolean twoCheckoutHoldsAnAnswer() {
        try {
            return twoCheckout.awaitDelayed(1, java.time.Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Lets every held answer go (a row ends with nothing held). */
    public void releaseHeld() {
        twoCheckout.releaseDelayed();
        zuora.releaseDelayed();
    }

    public TargetArrivals arrivals() {
        return TargetArrivals.count(this);
    }

    @Override
    public void close() {
        releaseHeld();
        twoCheckout.stop();
        zuora.stop();
        insights.stop();
        if (sftp != null) {
            sftp.stop();
        }
    }
}
