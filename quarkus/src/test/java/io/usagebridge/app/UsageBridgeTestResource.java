package io.usagebridge.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.usagebridge.app.security.PasswordHash;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;

/**
 * The 2Checkout receiver simulator on a free port and a fresh data folder, handed to the app as configuration
 * overrides on top of config/application.properties.
 */
public class UsageBridgeTestResource implements QuarkusTestResourceLifecycleManager {

    static final String MERCHANT = "TESTMERCHANT";
    /** The value surefire puts into UB_TEST_SECRET (pom.xml); the configuration names only the variable. */
    static final String SECRET = "test-secret-from-env";
    /** Console users of every app test: an operator (also the CLI's login) and a read-only viewer. */
    public static final String OPERATOR = "olga";
    public static final String OPERATOR_PASSWORD = "olga-operator-password";
    public static final String VIEWER = "vic";
    public static final String VIEWER_PASSWORD = "vic-viewer-password";
    /** The fewest iterations a hash may have: the tests log in often */
    private static final int TEST_ITERATIONS = 10_000;

    private TwoCheckoutReceiverSimulator twoCheckout;

    @Override
    public Map<String, String> start() {
        Path data = newDataDir();
        twoCheckout = new TwoCheckoutReceiverSimulator();
        twoCheckout.addAccount(MERCHANT, SECRET);
        try {
            twoCheckout.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> p = new HashMap<>();
        // the working directory is quarkus/, the route files are the project's own
        p.put("camel.main.routes-include-pattern", "file:../routes/*.camel.yaml");
        p.put("usagebridge.work-dir", data.resolve("work").toString());
        p.put("ledger.url", "jdbc:h2:file:" + data.resolve("ledger/usagebridge"));
        p.put("usagebridge.instance-id", "test-node");
        p.put("deliver.retry.initial-delay-ms", "100");
        p.put("deliver.retry.scan-interval-ms", "100");
        p.put("poll.interval-ms", "100");
        // the CLI under test asks this app
        p.put("usagebridge.api-url", "http://127.0.0.1:" + ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081));
        p.put("usagebridge.console.users." + OPERATOR + ".password-hash",
                PasswordHash.hash(OPERATOR_PASSWORD.toCharArray(), TEST_ITERATIONS));
        p.put("usagebridge.console.users." + OPERATOR + ".roles", "operator");
        p.put("usagebridge.console.users." + VIEWER + ".password-hash",
                PasswordHash.hash(VIEWER_PASSWORD.toCharArray(), TEST_ITERATIONS));
        p.put("usagebridge.console.users." + VIEWER + ".roles", "viewer");
        p.put("usagebridge.cli.user", OPERATOR);
        p.put("usagebridge.cli.password", OPERATOR_PASSWORD);
        p.put("intake.folder.dir", data.resolve("inbox").toString());
        p.put("intake.folder.done-dir", data.resolve("done").toString());
        p.put("intake.folder.failed-dir", data.resolve("failed").toString());
        p.put("intake.folder.duplicate-dir", data.resolve("duplicate").toString());
        p.put("intake.folder.inflight-dir", data.resolve("inflight").toString());
        p.put("intake.folder.poll-delay-ms", "100");
        p.put("intake.folder.read-lock-check-interval-ms", "100");
        p.put("intake.folder.read-lock-min-age-ms", "100");
        p.put("target.twocheckout.url", twoCheckout.url());
        p.put("target.twocheckout.merchant", MERCHANT);
        p.put("target.twocheckout.secret-key", "{{env:UB_TEST_SECRET}}");
        return p;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(twoCheckout, new TestInjector.MatchesType(TwoCheckoutReceiverSimulator.class));
    }

    @Override
    public void stop() {
        if (twoCheckout != null) {
            twoCheckout.stop();
        }
    }

    private static Path newDataDir() {
        try {
            Path target = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(target, "run-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
