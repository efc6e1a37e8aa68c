package io.usagebridge.karaf;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.usagebridge.sandbox.ReceivedUpload;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;

/**
 * UsageBridge on a bare Apache Karaf 4.4.10, as a user installs it: the project's routes/ copied to
 * etc/usagebridge/routes, the feature's etc/io.usagebridge.cfg with the site's values added, the feature installed
 * through Karaf's shell (offline: its bundles are put into Karaf's system/ repository first). A CSV dropped into the
 * inbox reaches the 2Checkout simulator once, and the health and metrics endpoints say so over HTTP; then route
 * files are added and changed, and the configuration changed, while Karaf runs; last, readiness follows the
 * 2Checkout receiver going away and coming back. Two 2Checkout targets are configured, the second as README's
 * "Extend" section makes one (its URL only in its route file).
 */
@TestMethodOrder(OrderAnnotation.class)
class KarafBootIT {

    private static final String MERCHANT = "TESTMERCHANT";
    private static final String SECOND_MERCHANT = "SECONDMERCHANT";
    private static final String SECRET = "test-secret-key";
    private static final String VERSION = System.getProperty("usagebridge.version");
    private static final String GROUP = "io.usagebridge";
    private static final String ARTIFACT = "usagebridge-karaf";

    private static TwoCheckoutReceiverSimulator twoCheckout;
    private static KarafInstance karaf;
    private static EndpointProbe endpoints;
    private static int healthPort;

    @BeforeAll
    static void startKarafWithTheFeature() throws Exception {
        twoCheckout = new TwoCheckoutReceiverSimulator();
        twoCheckout.addAccount(MERCHANT, SECRET);
        twoCheckout.addAccount(SECOND_MERCHANT, SECRET);
        twoCheckout.start(0);

        karaf = KarafInstance.copyOf(Path.of(System.getProperty("karaf.dist.home")),
                Path.of("target", "karaf-it", "karaf").toAbsolutePath());
        karaf.addToSystemRepository(Path.of(System.getProperty("usagebridge.bundle")), GROUP, ARTIFACT, VERSION, null,
                "jar");
        karaf.addToSystemRepository(Path.of(System.getProperty("usagebridge.cfg")), GROUP, ARTIFACT, VERSION, null,
                "cfg");
        karaf.addToSystemRepository(Path.of(System.getProperty("usagebridge.feature")), GROUP, ARTIFACT, VERSION,
                "features", "xml");

        Path routes = karaf.etc().resolve("usagebridge/routes");
        Files.createDirectories(routes);
        for (Path route : projectRouteFiles()) {
            Files.copy(route, routes.resolve(route.getFileName()));
        }
        try (var partner = KarafBootIT.class.getResourceAsStream("/targets/target-twocheckout-partner.camel.yaml")) {
            Files.copy(partner, routes.resolve("target-twocheckout-partner.camel.yaml"));
        }
        healthPort = KarafInstance.freePort();
        endpoints = new EndpointProbe(healthPort);
        writeConfiguration(MERCHANT);

        // the secret reaches Karaf the way production's does: an environment variable read by {{env:NAME}}
        karaf.start(Map.of("UB_KARAF_TWOCHECKOUT_SECRET", SECRET));
        awaitOrShowLog("Karaf's shell to answer", 120, karaf::shellReady);
    }

    @AfterAll
    static void stopKaraf() throws Exception {
        try {
            if (karaf != null) {
                karaf.close();
            }
        } finally {
            if (twoCheckout != null) {
                twoCheckout.stop();
            }
        }
    }

    @Test
    @Order(1)
    void featureInstalledFromTheShellDeliversADroppedCsvToTwoCheckoutOnce() throws Exception {
        karaf.shell("feature:repo-add mvn:" + GROUP + "/" + ARTIFACT + "/" + VERSION + "/xml/features");
        karaf.shell("feature:install usagebridge");
        assertTrue(karaf.shell("feature:list -i").contains("usagebridge"), "the feature is installed");
        awaitOrShowLog("the Camel context to start", 90, () -> karaf.log().contains("UsageBridge started"));

        drop(inbox(), "usage-karaf.csv", usageCsv("2026-11-01T00:00:00Z,2026-11-01T23:59:59Z,metered-api,web,KARAF1"));

        awaitOrShowLog("the file to be done", 60, () -> Files.exists(usageBridgeDir().resolve("done/usage-karaf.csv")));
        List<ReceivedUpload> received = twoCheckout.received();
        assertEquals(1, received.size(), "sent once");
        ReceivedUpload upload = received.get(0);
        assertEquals("1", upload.reply(), "2Checkout accepted it");
        assertEquals(MERCHANT, upload.fields().get("merchant"));
        assertEquals(upload.fileMd5(), upload.fields().get("file_MD5"), "file_MD5 is the MD5 of the bytes sent");
        assertEquals("usage-karaf.csv", upload.fileName());
        assertEquals(usageCsv("2026-11-01 02:00:00,2026-11-02 01:59:59,metered-api,web,KARAF1"),
                Files.readString(upload.file()), "the rows as 2Checkout wants them (GMT+2)");
    }

    @Test
    @Order(2)
    void healthIsUpWithLedgerAndBothTargetsNamedAndMetricsCountTheDeliveredFile() throws Exception {
        EndpointProbe.Answer ready = endpoints.get("/q/health/ready");
        assertEquals(200, ready.status(), ready.body());
        assertEquals("UP", ready.json().get("status").asText(), ready.body());
        assertEquals("reachable", ready.data("ledger").get("database").asText(), ready.body());
        JsonNode targets = ready.data("targets");
        assertEquals("reachable", targets.path("twocheckout").asText(), ready.body());
        assertEquals("reachable", targets.path("twocheckout-partner").asText(), "the URL of its route file checked");

        EndpointProbe.Answer live = endpoints.get("/q/health/live");
        assertEquals(200, live.status(), live.body());
        assertTrue(live.data("intake").path("intake-folder").asText().startsWith("polling"), live.body());

        EndpointProbe.Answer all = endpoints.get("/q/health");
        assertEquals(200, all.status(), all.body());
        assertEquals(List.of("usagebridge", "intake", "ledger", "targets"),
                all.json().get("checks").findValuesAsText("name"), all.body());
        assertEquals(200, endpoints.get("/q/health/started").status());

        EndpointProbe.Answer metrics = endpoints.scrape();
        assertEquals(200, metrics.status());
        for (String line : List.of(
                "usagebridge_files_received_total{intake=\"intake-folder\",} 1.0",
                "usagebridge_deliveries_accepted_total{target=\"twocheckout\",} 1.0",
                "usagebridge_upload_latency_seconds_count{target=\"twocheckout\",} 1.0",
                "usagebridge_deliveries_parked 0.0",
                "usagebridge_deliveries_uncertain 0.0",
                "usagebridge_deliveries_polling 0.0")) {
            assertTrue(metrics.body().lines().anyMatch(line::equals), line + " in\n" + metrics.body());
        }
    }

    @Test
    @Order(3)
    void addedRouteFileRunsWithoutARestart() throws Exception {
        // a second intake folder, added while Karaf runs
        replaceRouteFile("intake-folder-second.camel.yaml");
        awaitOrShowLog("the added route file to load", 30,
                () -> karaf.log().contains("intake-folder-second.camel.yaml reloaded"));

        drop(usageBridgeDir().resolve("inbox-second"), "usage-second.csv",
                usageCsv("2026-11-02,2026-11-02,storage-gb,,KARAF2"));

        awaitOrShowLog("the file of the added intake to be done", 60,
                () -> Files.exists(usageBridgeDir().resolve("done/usage-second.csv")));
        assertEquals(2, twoCheckout.accepted().size());
        assertEquals("usage-second.csv", twoCheckout.accepted().get(1).fileName());
    }

    @Test
    @Order(4)
    void changedTargetRouteFileReloadsWithoutARestart() throws Exception {
        // the project's target-twocheckout.camel.yaml with one more parameter: an extra field on every upload
        replaceRouteFile("target-twocheckout.camel.yaml");
        awaitOrShowLog("the changed target route to reload", 30,
                () -> karaf.log().contains("target-twocheckout.camel.yaml reloaded"));

        drop(inbox(), "usage-third.csv", usageCsv("2026-11-03,2026-11-03,storage-gb,,KARAF3"));

        awaitOrShowLog("the file to be done", 60, () -> Files.exists(usageBridgeDir().resolve("done/usage-third.csv")));
        assertEquals(3, twoCheckout.accepted().size());
        ReceivedUpload upload = twoCheckout.accepted().get(2);
        assertEquals("usage-third.csv", upload.fileName());
        assertEquals("yes", upload.fields().get("RELOADED"), "sent by the reloaded route");
        assertEquals(MERCHANT, upload.fields().get("merchant"));
    }

    @Test
    @Order(5)
    void changedKarafConfigurationRestartsTheContextWithTheNewValues() throws Exception {
        long startsBefore = karaf.log().lines().filter(l -> l.contains("UsageBridge started")).count();
        writeConfiguration(SECOND_MERCHANT);
        awaitOrShowLog("the context to restart with the changed configuration", 60,
                () -> karaf.log().lines().filter(l -> l.contains("UsageBridge started")).count() > startsBefore);

        drop(inbox(), "usage-fourth.csv", usageCsv("2026-11-04,2026-11-04,storage-gb,,KARAF4"));

        awaitOrShowLog("the file to be done", 60, () -> Files.exists(usageBridgeDir().resolve("done/usage-fourth.csv")));
        assertEquals(4, twoCheckout.accepted().size());
        ReceivedUpload upload = twoCheckout.accepted().get(3);
        assertEquals("usage-fourth.csv", upload.fileName());
        assertEquals(SECOND_MERCHANT, upload.fields().get("merchant"), "sent with the changed configuration");
    }

    @Test
    @Order(6)
    void readinessGoesDownWhileTwoCheckoutIsStoppedAndUpWhenItIsBack() throws Exception {
        // the endpoints restarted with the context (test 5): ready again before the receiver goes
        awaitOrShowLog("readiness after the restart", 60, () -> endpoints.getOrNothing("/q/health/ready").status()
                == 200);
        int port = twoCheckout.port();
        twoCheckout.stop();
        try {
            awaitOrShowLog("readiness to go down", 30, () -> endpoints.get("/q/health/ready").status() == 503);
            EndpointProbe.Answer down = endpoints.get("/q/health/ready");
            assertEquals("DOWN", down.json().get("status").asText(), down.body());
            assertTrue(down.data("targets").path("twocheckout").asText().startsWith("unreachable"), down.body());
            assertTrue(down.data("targets").path("twocheckout-partner").asText().startsWith("unreachable"),
                    down.body());
            assertEquals("reachable", down.data("ledger").get("database").asText(), "the ledger is still there");
            assertEquals(200, endpoints.get("/q/health/live").status(), "a target down is no reason to restart");
        } finally {
            twoCheckout.start(port);
        }
        awaitOrShowLog("readiness to come back", 30, () -> endpoints.get("/q/health/ready").status() == 200);
    }

    /**
     * etc/io.usagebridge.cfg as a site writes it: the shipped file (folders under ${karaf.base}/usagebridge) plus
     * the targets' accounts and the health port, short waits. Written aside and moved in whole, so Karaf never reads
     * half a file.
     */
    private static void writeConfiguration(String merchant) throws IOException {
        String shipped = Files.readString(Path.of(System.getProperty("usagebridge.cfg")), StandardCharsets.ISO_8859_1);
        String targetsLine = "usagebridge.targets = twocheckout\n";
        assertTrue(shipped.contains(targetsLine), "the shipped file lists its targets");
        // a site adding a target edits that line (a key set twice in one file is not a safe override)
        shipped = shipped.replace(targetsLine, "usagebridge.targets = twocheckout,twocheckout-partner\n");
        Path staged = Path.of("target", "karaf-it", "staging", "io.usagebridge.cfg");
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, shipped + siteSettings(merchant), StandardCharsets.ISO_8859_1);
        Files.move(staged, karaf.etc().resolve("io.usagebridge.cfg"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * What a site adds to the shipped file: the targets' accounts (secrets by reference), the second target's
     * routing rule, the health port, short waits.
     */
    private static String siteSettings(String merchant) {
        return """

                # --- the boot test's site ---
                target.twocheckout.url = %s
                target.twocheckout.merchant = %s
                target.twocheckout.secret-key = {{env:UB_KARAF_TWOCHECKOUT_SECRET}}
                target.twocheckout-partner.type = twocheckout-usage
                target.twocheckout-partner.merchant = %s
                target.twocheckout-partner.secret-key = {{env:UB_KARAF_TWOCHECKOUT_SECRET}}
                target.twocheckout-partner.file-glob = partner-*.csv
                health.http.port = %d
                ledger.node-id = karaf-it
                intake.folder.poll-delay-ms = 200
                intake.folder.read-lock-check-interval-ms = 200
                intake.folder.read-lock-min-age-ms = 200
                deliver.retry.initial-delay-ms = 100
                deliver.retry.max-delay-ms = 500
                poll.start-delay-ms = 200
                poll.interval-ms = 200
                """.formatted(twoCheckout.url(), merchant, SECOND_MERCHANT, healthPort);
    }

    /** routes/*.camel.yaml of the project, the same files every runtime loads (routes/available/ is not). */
    private static List<Path> projectRouteFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("usagebridge.routes")))) {
            List<Path> routes = files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
            assertTrue(routes.size() > 0, "the project's routes/ has route files");
            return routes;
        }
    }

    /** Writes a test route file into the route folder whole (written aside, then moved), as an editor saves. */
    private static void replaceRouteFile(String name) throws IOException {
        Path staged = Path.of("target", "karaf-it", "staging", name);
        Files.createDirectories(staged.getParent());
        try (var in = KarafBootIT.class.getResourceAsStream("/reload/" + name)) {
            Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(staged, karaf.etc().resolve("usagebridge/routes").resolve(name),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Puts a file into an inbox the way a producer would: written elsewhere, then moved in whole. */
    private static void drop(Path inbox, String name, String content) throws IOException {
        Path staged = Path.of("target", "karaf-it", "staging", name);
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, content, StandardCharsets.UTF_8);
        Files.createDirectories(inbox);
        Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path usageBridgeDir() {
        return karaf.home.resolve("usagebridge");
    }

    private static Path inbox() {
        return usageBridgeDir().resolve("inbox");
    }

    private static String usageCsv(String... rows) {
        StringBuilder s = new StringBuilder("UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n");
        for (String row : rows) {
            s.append(row).append('\n');
        }
        return s.toString();
    }

    private static void awaitOrShowLog(String what, int seconds, Callable<Boolean> condition) {
        try {
            await(what).atMost(seconds, SECONDS).pollInterval(250, MILLISECONDS)
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            fail("waited " + seconds + " s for " + what + "; end of karaf.log:\n" + karaf.logTail(), e);
        }
    }
}
