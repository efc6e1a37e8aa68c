package io.usagebridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.usagebridge.intake.FolderSourceTemplate;
import io.usagebridge.intake.SftpSourceTemplate;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.plugin.TargetPlugins;
import io.usagebridge.route.AlertRoutes;
import io.usagebridge.route.DeliverRoute;
import io.usagebridge.route.ErrorHandlingConfiguration;
import io.usagebridge.route.IngestRoute;
import io.usagebridge.route.LeaseRoutes;
import io.usagebridge.route.RemoteStatusRoutes;
import io.usagebridge.route.RetryRoutes;
import io.usagebridge.route.RouteFileLoader;
import io.usagebridge.route.UncertainLookupRoutes;
import io.usagebridge.route.UsageBridgeWiring;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;

/**
 * Runs the real bundle (Java builders + the YAML files in ../routes + ../config/application.properties) against
 * the sandbox's 2Checkout receiver, with a fresh data folder per test.
 */
public abstract class UsageBridgeTestSupport extends CamelTestSupport {

    protected static final String MERCHANT = "TESTMERCHANT";
    protected static final String SECRET = "test-secret-key";

    protected static TwoCheckoutReceiverSimulator twoCheckout;

    /** This test's data folder (ledger, inbox, done/, failed/ ...), new for every test. */
    protected Path data;

    @BeforeAll
    static void startTwoCheckout() throws IOException {
        twoCheckout = new TwoCheckoutReceiverSimulator();
        twoCheckout.addAccount(MERCHANT, SECRET);
        twoCheckout.addAccount("SECONDMERCHANT", "second-secret");
        twoCheckout.start(0);
    }

    @AfterAll
    static void stopTwoCheckout() {
        twoCheckout.stop();
    }

    @BeforeEach
    void resetSimulator() {
        twoCheckout.reset();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        data = newDataDir();
        CamelContext context = super.createCamelContext();
        configure(context, testProperties());
        return context;
    }

    /** Points a context at the project's one configuration file, with this test's overrides on top. */
    public static void configure(CamelContext context, Properties overrides) {
        context.getPropertiesComponent().setLocation("file:../config/application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
    }

    /** The overrides of this test; a test class adds its own. */
    protected Properties testProperties() {
        Properties p = properties(data);
        // the route files this test loads, as the app names them: the start-up checks read them too
        StringBuilder patterns = new StringBuilder("file:../routes/*.camel.yaml");
        for (Path folder : extraRouteFolders()) {
            patterns.append(",file:").append(folder).append("/*.camel.yaml");
        }
        p.put("camel.main.routes-include-pattern", patterns.toString());
        return p;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        return routeBuilders(context, extraRouteFolders()).toArray(RoutesBuilder[]::new);
    }

    /** The app's routes: the Java builders, then the user's YAML files. */
    public static List<RoutesBuilder> routeBuilders(CamelContext context, List<Path> extraFolders) throws Exception {
        List<RoutesBuilder> builders = new ArrayList<>(List.of(new UsageBridgeWiring(),
                new ErrorHandlingConfiguration(), new IngestRoute(), new DeliverRoute(), new RemoteStatusRoutes(),
                new RetryRoutes(), new LeaseRoutes(), new UncertainLookupRoutes(), new FolderSourceTemplate(),
                new SftpSourceTemplate(), new AlertRoutes()));
        // the target plug-ins' routes, found as the app finds them: no list of targets here
        for (Class<? extends RoutesBuilder> routes : TargetPlugins.discover().routes()) {
            builders.add(routes.getConstructor().newInstance());
        }
        List<Path> folders = new ArrayList<>(List.of(Path.of("../routes")));
        folders.addAll(extraFolders);
        builders.addAll(RouteFileLoader.builders(context, folders));
        return builders;
    }

    /** Route folders a test adds to ../routes (e.g. a second target). */
    protected List<Path> extraRouteFolders() {
        return List.of();
    }

    /**
     * A folder holding only the named files of routes/available, as a user enables a target: every target file
     * loaded must be listed in usagebridge.targets, so a test takes just the ones it configures.
     */
    protected List<Path> availableRoutes(String... files) {
        try {
            Path folder = Files.createDirectories(data.resolve("routes"));
            for (String file : files) {
                Files.copy(Path.of("../routes/available").resolve(file), folder.resolve(file),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            return List.of(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the extra 2Checkout targets of src/test/resources/extra-routes, each reached through its inbox folder. */
    protected static Properties withExtraTargets(Properties p) {
        p.put("usagebridge.targets", "twocheckout,twocheckout-second,twocheckout-unknown-merchant,"
                + "twocheckout-wrong-secret");
        for (String id : List.of("twocheckout-second", "twocheckout-unknown-merchant", "twocheckout-wrong-secret")) {
            p.put("target." + id + ".type", "twocheckout-usage");
            p.put("target." + id + ".url", twoCheckout.url());
            p.put("target." + id + ".inbox-folder", id);
        }
        p.put("target.twocheckout-second.merchant", "SECONDMERCHANT");
        p.put("target.twocheckout-second.secret-key", "second-secret");
        p.put("target.twocheckout-second.routing-value", "second");
        p.put("target.twocheckout-unknown-merchant.merchant", "NOSUCHMERCHANT");
        p.put("target.twocheckout-unknown-merchant.secret-key", SECRET);
        p.put("target.twocheckout-wrong-secret.merchant", MERCHANT);
        p.put("target.twocheckout-wrong-secret.secret-key", "not-the-secret");
        return p;
    }

    protected static final Path EXTRA_ROUTES = Path.of("src/test/resources/extra-routes");

    /** Settings every test shares: everything under the test's data folder, short waits. */
    public static Properties properties(Path data) {
        Properties p = new Properties();
        p.put("usagebridge.work-dir", data.resolve("work").toString());
        p.put("ledger.url", "jdbc:h2:file:" + data.resolve("ledger/usagebridge").toAbsolutePath());
        p.put("usagebridge.instance-id", "test-node");
        p.put("intake.folder.dir", data.resolve("inbox").toString());
        p.put("intake.folder.done-dir", data.resolve("done").toString());
        p.put("intake.folder.failed-dir", data.resolve("failed").toString());
        p.put("intake.folder.duplicate-dir", data.resolve("duplicate").toString());
        p.put("intake.folder.inflight-dir", data.resolve("inflight").toString());
        p.put("intake.folder.poll-delay-ms", "100");
        p.put("intake.folder.read-lock-check-interval-ms", "100");
        p.put("intake.folder.read-lock-min-age-ms", "100");
        p.put("deliver.retry.initial-delay-ms", "50");
        p.put("deliver.retry.start-delay-ms", "100");
        p.put("deliver.retry.scan-interval-ms", "100");
        p.put("poll.start-delay-ms", "100");
        p.put("poll.interval-ms", "100");
        p.put("intake.insights.scan-interval-ms", "100");
        p.put("deliver.retry.max-delay-ms", "200");
        p.put("deliver.retry.max-redeliveries", "3");
        p.put("target.twocheckout.url", twoCheckout.url());
        p.put("target.twocheckout.merchant", MERCHANT);
        p.put("target.twocheckout.secret-key", SECRET);
        return p;
    }

    /**
     * Notifies when n files taken from the inbox are done. Only top-level exchanges count: the per-target and
     * per-chunk split copies carry a correlation id and would make the count fire early.
     */
    protected NotifyBuilder whenFilesDone(int n) {
        return new NotifyBuilder(context).fromRoute("intake-folder")
                .filter(e -> e.getProperty(Exchange.CORRELATION_ID) == null).whenDone(n).create();
    }

    protected Ledger ledger() {
        return context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
    }

    protected Path inbox() {
        return data.resolve("inbox");
    }

    /** Writes a file into the inbox the way a producer would: elsewhere first, then moved in whole. */
    protected Path drop(String name, String content) throws IOException {
        Path staging = data.resolve("staging").resolve(name);
        Files.createDirectories(staging.getParent());
        Files.writeString(staging, content, StandardCharsets.UTF_8);
        Path target = inbox().resolve(name);
        Files.createDirectories(target.getParent());
        return Files.move(staging, target);
    }

    protected static String usageCsv(String... rows) {
        StringBuilder s = new StringBuilder("UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n");
        for (String row : rows) {
            s.append(row).append('\n');
        }
        return s.toString();
    }

    private static Path newDataDir() {
        try {
            Path target = Path.of("target", "test-data");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "run-").toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
