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
import io.usagebridge.sandbox.SimulatorServer;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;

/**
 * The 2Checkout receiver and Zuora REST simulators on free ports and a fresh data folder, handed to the app as
 * configuration overrides on top of config/application.properties.
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

    /** The Zuora REST client of the mass action target (zuora-revenue), whose jobs the console can stop. */
    static final String ZUORA_CLIENT = "test-client";
    static final String ZUORA_SECRET = "test-client-secret";

    private TwoCheckoutReceiverSimulator twoCheckout;
    private ZuoraRestSimulator zuora;

    @Override
    public Map<String, String> start() {
        Path data = newDataDir();
        twoCheckout = new TwoCheckoutReceiverSimulator();
        twoCheckout.addAccount(MERCHANT, SECRET);
        started(twoCheckout);
        zuora = new ZuoraRestSimulator();
        zuora.addClient(ZUORA_CLIENT, ZUORA_SECRET);
        started(zuora);
        Map<String, String> p = new HashMap<>();
        // the working directory is quarkus/, the route files are the project's own
        p.put("camel.main.routes-include-pattern", "file:../routes/*.camel.yaml,"
                + "file:../routes/available/target-zuora-revenue-schedules.camel.yaml");
        // 2Checkout for files at the top of the inbox; a Zuora mass action for those in zuora-revenue/
        p.put("usagebridge.targets", "twocheckout,zuora-revenue");
        p.put("target.zuora-revenue.type", "zuora-rest-bulk");
        p.put("target.zuora-revenue.action-type", "CreateRevenueSchedule");
        p.put("target.zuora-revenue.base-url", zuora.baseUrl());
        p.put("target.zuora-revenue.client-id", ZUORA_CLIENT);
        p.put("target.zuora-revenue.client-secret", ZUORA_SECRET);
        p.put("target.zuora-revenue.inbox-folder", "zuora-revenue");
        p.put("target.zuora-revenue.poll-initial-delay-ms", "100");
        p.put("target.zuora-revenue.poll-max-delay-ms", "200");
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
        testInjector.injectIntoFields(zuora, new TestInjector.MatchesType(ZuoraRestSimulator.class));
    }

    @Override
    public void stop() {
        if (twoCheckout != null) {
            twoCheckout.stop();
        }
        if (zuora != null) {
            zuora.stop();
        }
    }

    private static void started(SimulatorServer<?> simulator) {
        try {
            simulator.start(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
