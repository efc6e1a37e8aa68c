package io.usagebridge.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.quarkus.main.events.AfterStop;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.sandbox.SandboxServers;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;
import io.usagebridge.sandbox.SandboxSettings;

/**
 * The sandbox run ({@code -Dquarkus.profile=sandbox}, {@code usagebridge.sandbox.enabled = true}): wipes the
 * sandbox data folder, starts the 2Checkout simulator where {@code target.twocheckout.url} points, and copies the
 * example files into the inbox. It runs before Camel configures its routes, so the ledger opens on an empty folder
 * and the simulator listens before the first poll.
 */
@ApplicationScoped
public class SandboxLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxLauncher.class);

    private SandboxServers servers;
    private ZuoraRestSimulator zuoraRest;

    void beforeConfigure(@Observes BeforeConfigure event) throws IOException {
        UsageBridgeSettings settings = UsageBridgeSettings.of(event.getCamelContext());
        if (!settings.getBoolean("usagebridge.sandbox.enabled", false)) {
            return;
        }
        Path dataDir = sandboxDataDir(settings.get("usagebridge.sandbox.data-dir", "data/sandbox"));
        Path inbox = Path.of(settings.require("intake.folder.dir"));
        Path examples = Path.of(settings.require("usagebridge.sandbox.example-inbox"));

        // each sandbox run starts from nothing: same files in, same summary out
        deleteTree(dataDir);
        servers = SandboxServers.start(SandboxSettings.builder()
                .twoCheckoutPort(port(settings.require("target.twocheckout.url")))
                .twoCheckoutAccounts(Map.of(settings.require("target.twocheckout.merchant"),
                        settings.require("target.twocheckout.secret-key")))
                .sftpEnabled(false)
                .build());
        startZuoraRest(settings);
        int copied = copyExamples(examples, inbox);
        LOG.info("sandbox: {} wiped, 2Checkout simulator at {}, {} example files copied from {} to {}",
                dataDir, servers.twoCheckout().url(), copied, examples, inbox);
    }

    /** The Zuora REST simulator, where each configured zuora-rest target's base-url points (one per port). */
    private void startZuoraRest(UsageBridgeSettings settings) throws IOException {
        for (String target : settings.getList("usagebridge.targets")) {
            UsageBridgeSettings t = settings.under("target." + target + ".");
            if (!t.get("type", "").startsWith("zuora-rest-") || zuoraRest != null) {
                continue;
            }
            zuoraRest = new ZuoraRestSimulator();
            zuoraRest.addClient(t.require("client-id"), t.require("client-secret"));
            zuoraRest.start(port(t.require("base-url")));
            LOG.info("sandbox: Zuora REST simulator at {}", zuoraRest.baseUrl());
        }
    }

    void afterStop(@Observes AfterStop event) {
        stopServers();
    }

    @PreDestroy
    void stopServers() {
        if (zuoraRest != null) {
            zuoraRest.stop();
            zuoraRest = null;
        }
        if (servers != null) {
            servers.close();
            servers = null;
        }
    }

    /** Only a folder below the working directory is wiped, never "." or an absolute path given by mistake. */
    static Path sandboxDataDir(String configured) {
        Path dir = Path.of(configured).normalize();
        if (dir.isAbsolute() || dir.toString().isEmpty() || dir.startsWith("..")) {
            throw new IllegalStateException("usagebridge.sandbox.data-dir must be a folder below the working "
                    + "directory (it is wiped on every sandbox run): " + configured);
        }
        return dir;
    }

    /** The simulator listens on the port the configured target URL names. */
    static int port(String url) {
        int port = URI.create(url).getPort();
        if (port < 0) {
            throw new IllegalStateException("a sandbox target URL needs an explicit port: " + url);
        }
        return port;
    }

    /**
     * Copies the example files in name order, their modification times one second apart in the past: the
     * intake (sorted by modification time) takes them in name order, with no read-lock wait.
     */
    static int copyExamples(Path examples, Path inbox) throws IOException {
        if (!Files.isDirectory(examples)) {
            LOG.warn("sandbox: no example folder {}", examples.toAbsolutePath());
            return 0;
        }
        List<Path> files;
        try (Stream<Path> list = Files.walk(examples)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        Instant first = Instant.now().minusSeconds(files.size() + 1L);
        for (int i = 0; i < files.size(); i++) {
            // no consumer runs yet, so a plain copy cannot be read half-written; sub-folders pick targets
            Path copy = inbox.resolve(examples.relativize(files.get(i)).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(files.get(i), copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(copy, FileTime.from(first.plusSeconds(i)));
        }
        return files.size();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
