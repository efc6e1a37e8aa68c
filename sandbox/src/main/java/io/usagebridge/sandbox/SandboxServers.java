package io.usagebridge.sandbox;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts every sandbox simulator as one unit, for the app's sandbox run and for tests, and
 * stops them together. A new simulator is one field, one start step and one accessor.
 */
public final class SandboxServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServers.class);

    private final SandboxSettings settings;
    // closed in reverse start order
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private TwoCheckoutReceiverSimulator twoCheckout;
    private SftpServerSimulator sftp;

    private SandboxServers(SandboxSettings settings) {
        this.settings = settings;
    }

    /** Starts the simulators; if one fails to start, those already started are stopped. */
    public static SandboxServers start(SandboxSettings settings) throws IOException {
        SandboxServers servers = new SandboxServers(settings);
        try {
            servers.startTwoCheckout();
            if (settings.sftpEnabled()) {
                servers.startSftp();
            }
        } catch (IOException | RuntimeException e) {
            servers.close();
            throw e;
        }
        return servers;
    }

    private void startTwoCheckout() throws IOException {
        TwoCheckoutReceiverSimulator simulator = new TwoCheckoutReceiverSimulator();
        settings.twoCheckoutAccounts().forEach(simulator::addAccount);
        simulator.start(settings.twoCheckoutPort());
        started.push(simulator);
        twoCheckout = simulator;
    }

    private void startSftp() throws IOException {
        SftpServerSimulator simulator = new SftpServerSimulator(settings.sftpRoot(), settings.sftpHostKeyFile());
        simulator.addPasswordUser(settings.sftpUser(), settings.sftpPassword());
        simulator.start(settings.sftpPort());
        started.push(simulator);
        sftp = simulator;
    }

    public SandboxSettings settings() {
        return settings;
    }

    public TwoCheckoutReceiverSimulator twoCheckout() {
        return twoCheckout;
    }

    public boolean sftpEnabled() {
        return sftp != null;
    }

    /** The SFTP server; fails when the settings disabled it. */
    public SftpServerSimulator sftp() {
        if (sftp == null) {
            throw new IllegalStateException("the SFTP server is disabled in these sandbox settings");
        }
        return sftp;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable server = started.pop();
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("sandbox server {} did not stop cleanly", server.getClass().getSimpleName(), e);
            }
        }
    }
}
