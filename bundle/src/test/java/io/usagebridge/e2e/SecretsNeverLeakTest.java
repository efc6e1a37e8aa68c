package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.intake.RunSummary;
import io.usagebridge.ledger.LedgerDatabase;
import io.usagebridge.metrics.UsageBridgeMetrics;
import io.usagebridge.route.ErrorHandlingConfiguration;
import io.usagebridge.sandbox.HttpMultipartReceiverSimulator;
import io.usagebridge.sandbox.SelfSignedKeyStores;
import io.usagebridge.sandbox.SftpServerSimulator;
import io.usagebridge.sandbox.SimulatorServer;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;
import io.usagebridge.sandbox.insights.InsightsBatchSimulator;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapSimulator;
import io.usagebridge.secrets.CapturedOutput;
import io.usagebridge.secrets.LedgerDump;
import io.usagebridge.secrets.SecretScanner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The secrets suite: one app with every target type over https (a trust store with a password), an SFTP intake with
 * a password and a PostgreSQL ledger with a password, each secret a distinctive value, and Camel's own dump of every
 * failed exchange switched on ({@link ErrorHandlingConfiguration#LOG_FAILED_EXCHANGES}: exception, stack trace,
 * message history, headers, body). Files succeed at every target, then fail at every target (a bad signature, 401s,
 * 500s, bad CSV). Then no secret, nor a token the targets issued, in any form {@link SecretScanner} knows, may appear
 * in: the log, any exception the routes saw, any ledger row, any file under the data folder, the metrics or the run
 * summary. What the simulators themselves log or store is theirs, not the product's, and is left out.
 */
class SecretsNeverLeakTest extends UsageBridgeTestSupport {

    private static final String RUN = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(4));
    // '+' and '/' make the URL-encoded form differ from the value itself
    private static final String TWOCHECKOUT_KEY = "S3cr3t-2co-" + RUN + "+k/1";
    private static final String TWOCHECKOUT_WRONG_KEY = "S3cr3t-2co-wrong-" + RUN + "+k/2";
    private static final String ZUORA_USAGE_SECRET = "S3cr3t-zuora-usage-" + RUN + "+z/1";
    private static final String ZUORA_BULK_SECRET = "S3cr3t-zuora-bulk-" + RUN + "+z/2";
    private static final String SOAP_PASSWORD = "S3cr3t-soap-" + RUN + "+s/1";
    private static final String INSIGHTS_TOKEN = "S3cr3t-insights-" + RUN + "+i/1";
    private static final String RECEIVER_TOKEN = "S3cr3t-receiver-" + RUN + "+r/1";
    private static final String SFTP_PASSWORD = "S3cr3t-sftp-" + RUN + "+f/1";
    private static final String LEDGER_PASSWORD = "S3cr3t-ledger-" + RUN + "+l/1";
    private static final String TRUST_PASSWORD = "S3cr3t-trust-" + RUN + "+t/1";
    private static final String SOAP_USER = "usage-api@example.com";
    private static final String SFTP_USER = "usage";

    private static final String ZUORA_USAGE = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,"
            + "DESCRIPTION\nA00000001,Each,10,11/01/2026,11/01/2026,,,api calls\n";
    private static final String REVENUE = "ChargeNumber,RevenueScheduleNumber,Amount\nC-00000001,RS-1,100\n";
    /** slf4j-simple: {@code <millis> [<thread>] <LEVEL> <logger> - <message>}. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d+ \\[.*?\\] [A-Z]+ (\\S+) - ");

    private static EmbeddedPostgres postgres;
    private static SelfSignedKeyStores stores;
    private static SftpServerSimulator sftp;
    private static Path sftpRoot;
    private static TwoCheckoutReceiverSimulator twoCheckoutHttps;
    private static ZuoraRestSimulator zuoraRest;
    private static ZuoraSoapSimulator zuoraSoap;
    private static InsightsBatchSimulator insights;
    private static HttpMultipartReceiverSimulator receiver;

    private CapturedOutput output;
    private final List<String> exceptions = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        postgres = EmbeddedPostgres.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database ledger");
        }
        Path base = Files.createTempDirectory(Path.of("target"), "secrets-");
        stores = SelfSignedKeyStores.in(base.resolve("tls"), TRUST_PASSWORD);
        sftpRoot = Files.createDirectories(base.resolve("sftp-root"));
        sftp = new SftpServerSimulator(sftpRoot, base.resolve("host-key"));
        sftp.addPasswordUser(SFTP_USER, SFTP_PASSWORD);
        sftp.start(0);
        twoCheckoutHttps = new TwoCheckoutReceiverSimulator();
        twoCheckoutHttps.addAccount(MERCHANT, TWOCHECKOUT_KEY);
        zuoraRest = new ZuoraRestSimulator();
        zuoraRest.addClient("usage-client", ZUORA_USAGE_SECRET);
        zuoraRest.addClient("bulk-client", ZUORA_BULK_SECRET);
        zuoraSoap = new ZuoraSoapSimulator();
        zuoraSoap.addUser(SOAP_USER, SOAP_PASSWORD);
        insights = new InsightsBatchSimulator(INSIGHTS_TOKEN);
        insights.addDataSource("billing", "account", "subscription");
        receiver = new HttpMultipartReceiverSimulator();
        receiver.requireToken(RECEIVER_TOKEN);
        for (SimulatorServer<?> simulator : simulators()) {
            simulator.serveHttps(stores.serverContext());
            simulator.start(0);
        }
    }

    @AfterAll
    static void stopServers() throws IOException {
        for (SimulatorServer<?> simulator : simulators()) {
            if (simulator != null) {
                simulator.stop();
            }
        }
        if (sftp != null) {
            sftp.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static List<SimulatorServer<?>> simulators() {
        return java.util.Arrays.asList(twoCheckoutHttps, zuoraRest, zuoraSoap, insights, receiver);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        // from before the app starts: its start-up lines are scanned too
        output = CapturedOutput.start();
        CamelContext context = super.createCamelContext();
        context.setMessageHistory(true);
        context.setLogExhaustedMessageBody(true);
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeEvent exchangeEvent) {
                    Exchange exchange = exchangeEvent.getExchange();
                    record(exchange.getException());
                    record(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeFailedEvent
                        || event instanceof CamelEvent.ExchangeFailureHandledEvent;
            }
        });
        return context;
    }

    private void record(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            exceptions.add(t.toString());
        }
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put(ErrorHandlingConfiguration.LOG_FAILED_EXCHANGES, "true");
        p.put("ledger.url", postgres.getJdbcUrl("postgres", "ledger"));
        p.put("ledger.user", "postgres");
        p.put("ledger.password", LEDGER_PASSWORD);
        p.put("usagebridge.targets", "twocheckout,twocheckout-wrong-secret,zuora-usage,zuora-revenue,zuora,insights,"
                + "billing-receiver");
        p.put("target.twocheckout.url", twoCheckoutHttps.url());
        p.put("target.twocheckout.secret-key", TWOCHECKOUT_KEY);
        p.put("target.twocheckout-wrong-secret.type", "twocheckout-usage");
        p.put("target.twocheckout-wrong-secret.url", twoCheckoutHttps.url());
        p.put("target.twocheckout-wrong-secret.merchant", MERCHANT);
        p.put("target.twocheckout-wrong-secret.secret-key", TWOCHECKOUT_WRONG_KEY);
        p.put("target.twocheckout-wrong-secret.inbox-folder", "twocheckout-wrong-secret");
        ZuoraRestTestSupport.withZuoraRestTargets(p, zuoraRest.baseUrl(), "usage-client", ZUORA_USAGE_SECRET);
        p.put("usagebridge.targets", "twocheckout,twocheckout-wrong-secret,zuora-usage,zuora-revenue,zuora,insights,"
                + "billing-receiver");
        p.put("target.zuora-revenue.client-id", "bulk-client");
        p.put("target.zuora-revenue.client-secret", ZUORA_BULK_SECRET);
        TargetTypeSetups.withZuoraSoap(p, zuoraSoap.url(), SOAP_USER, SOAP_PASSWORD);
        TargetTypeSetups.withInsights(p, insights.uploadUrl(), INSIGHTS_TOKEN);
        TargetTypeSetups.withHttpMultipart(p, receiver.url(), RECEIVER_TOKEN);
        TargetTypeSetups.withTrustStore(p, List.of("twocheckout", "twocheckout-wrong-secret", "zuora-usage",
                "zuora-revenue", "zuora", "insights", "billing-receiver"), stores.trustStore().toAbsolutePath()
                .toString(), TRUST_PASSWORD);
        // the SFTP intake beside the folder intake, its files for 2Checkout
        p.put("intake.sftp.enabled", "true");
        p.put("intake.sftp.host", "localhost");
        p.put("intake.sftp.port", String.valueOf(sftp.port()));
        p.put("intake.sftp.dir", "drop");
        p.put("intake.sftp.user", SFTP_USER);
        p.put("intake.sftp.password", SFTP_PASSWORD);
        p.put("intake.sftp.known-hosts-file", data.resolve("known_hosts").toString());
        p.put("intake.sftp.local-work-dir", data.resolve("sftp-work").toString());
        p.put("intake.sftp.local-failed-dir", data.resolve("sftp-failed").toString());
        p.put("intake.sftp.poll-delay-ms", "200");
        p.put("intake.sftp.read-lock-check-interval-ms", "100");
        p.put("intake.sftp.read-lock-min-age-ms", "100");
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        List<Path> folders = new ArrayList<>(availableRoutes("target-zuora-usage.camel.yaml",
                "target-zuora-revenue-schedules.camel.yaml", "target-zuora-soap.camel.yaml", "target-insights.camel.yaml",
                "target-http-multipart.camel.yaml"));
        try {
            Files.copy(EXTRA_ROUTES.resolve("target-twocheckout-wrong-secret.camel.yaml"),
                    folders.get(0).resolve("target-twocheckout-wrong-secret.camel.yaml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            sftp.writeKnownHosts(data.resolve("known_hosts"), "localhost");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return folders;
    }

    @Test
    void noSecretAppearsInLogsExceptionsLedgerFilesMetricsOrSummary() throws Exception {
        try {
            deliverAtEveryTarget();
            failAtEveryTarget();
            failWithNoAnswer();
        } finally {
            output.close();
        }
        SecretScanner scanner = scanner();
        List<SecretScanner.Leak> leaks = new ArrayList<>();

        String log = productLog(output.text());
        assertTrue(log.contains("DONE") && log.contains("FAILED"), "the log was captured");
        assertTrue(log.contains("Message History"), "Camel's failure dump is on");
        leaks.addAll(scanner.scan("the log", log));

        assertFalse(exceptions.isEmpty(), "failures were seen");
        leaks.addAll(scanner.scan("exceptions", String.join("\n", exceptions)));

        Map<String, List<String>> tables = LedgerDump.of(context.getRegistry()
                .lookupByNameAndType("ledgerDatabase", LedgerDatabase.class).dataSource());
        assertTrue(tables.values().stream().mapToInt(List::size).sum() > 20, "ledger rows were read: " + tables.keySet());
        tables.forEach((table, rows) -> leaks.addAll(scanner.scan("ledger table " + table, String.join("\n", rows))));

        int files = 0;
        try (Stream<Path> all = Files.walk(data)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files++;
                // bytes as Latin-1: every secret is ASCII, and a binary file is searched too
                leaks.addAll(scanner.scan("file " + data.relativize(file),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)));
            }
        }
        assertTrue(files > 10, files + " files under the data folder");

        UsageBridgeMetrics metrics = context.getRegistry().lookupByNameAndType("usageBridgeMetrics",
                UsageBridgeMetrics.class);
        String meters = metrics.registry().getMeters().stream().map(SecretsNeverLeakTest::describe)
                .collect(Collectors.joining("\n"));
        assertTrue(meters.contains("usagebridge.deadlettered"), meters);
        leaks.addAll(scanner.scan("metrics", meters));

        RunSummary summary = context.getRegistry().lookupByNameAndType("runSummary", RunSummary.class);
        String lines = summary.lines().stream().map(l -> l.file() + " " + l.outcome() + " " + l.detail())
                .collect(Collectors.joining("\n"));
        assertTrue(summary.lines().size() >= 12, lines);
        leaks.addAll(scanner.scan("run summary", lines));

        assertEquals(List.of(), leaks.stream().map(SecretScanner.Leak::toString).toList());
    }

    /** One good file (or batch) per target, and one by SFTP: every one DONE. */
    private void deliverAtEveryTarget() throws Exception {
        drop("good-2co.csv", usageCsv("2026-11-01 08:00:00,2026-11-01 09:00:00,OPT,api,SUB-1"));
        drop("zuora-usage/good-usage.csv", ZUORA_USAGE);
        drop("zuora-revenue/good-revenue.csv", REVENUE);
        drop("zuora/good-import.csv", ZUORA_USAGE);
        drop("billing-receiver/good-export.csv", "account,amount\nACME,12\n");
        dropInsightsBatch("2026-11-01");
        Path remote = sftpRoot.resolve("drop/good-sftp.csv");
        Files.createDirectories(remote.getParent());
        Path staged = Files.writeString(sftpRoot.resolve("good-sftp.staged"),
                usageCsv("2026-11-02 08:00:00,2026-11-02 09:00:00,OPT,sftp,SUB-2"));
        Files.move(staged, remote);
        for (String done : List.of("done/good-2co.csv", "done/zuora-usage/good-usage.csv",
                "done/zuora-revenue/good-revenue.csv", "done/zuora/good-import.csv", "done/billing-receiver/good-export.csv",
                "done/insights/billing/2026-11-01")) {
            awaitIn(done);
        }
        await().atMost(30, SECONDS).until(() -> twoCheckoutHttps.accepted().size() == 2);
    }

    /** Then a failure at every target: each file ends in failed/ with its sidecar. */
    private void failAtEveryTarget() throws Exception {
        twoCheckoutHttps.failNext(1, 500);
        failsWith("failed-2co-500.csv", usageCsv("2026-11-03 08:00:00,2026-11-03 09:00:00,OPT,five-hundred,SUB-3"));
        failsWith("twocheckout-wrong-secret/bad-signature.csv",
                usageCsv("2026-11-04 08:00:00,2026-11-04 09:00:00,OPT,wrong-key,SUB-4"));
        failsWith("bad-date.csv", usageCsv("11/05/2026 08:00,2026-11-05 09:00:00,OPT,bad-date,SUB-5"));
        // each retry is a new exchange that may fetch a new token once: 1 attempt + 3 retries, all refused
        zuoraRest.failNext(4, 401);
        failsWith("zuora-usage/refused-token.csv", ZUORA_USAGE.replace("api calls", "refused token"));
        zuoraRest.failNext(20, 500);
        failsWith("zuora-revenue/server-error.csv", REVENUE.replace("RS-1", "RS-2"));
        zuoraSoap.failNext(20, 500);
        failsWith("zuora/server-error.csv", ZUORA_USAGE.replace("api calls", "soap five-hundred"));
        failsWith("zuora/missing-uom.csv", "ACCOUNT_ID,QTY,STARTDATE\nA00000001,10,11/01/2026\n");
        insights.failNext(1, 401);
        dropInsightsBatch("2026-11-02");
        awaitIn("failed/insights/billing/2026-11-02.error.json");
        receiver.failNext(1, 401);
        failsWith("billing-receiver/refused-token.csv", "account,amount\nACME,13\n");
    }

    /**
     * Last, the HTTP targets gone: each request fails before any answer, so Camel's dump shows the request as it was
     * about to leave (its headers and body), not a reply.
     */
    private void failWithNoAnswer() throws Exception {
        twoCheckoutHttps.stop();
        zuoraRest.stop();
        receiver.stop();
        failsWith("unreachable-2co.csv", usageCsv("2026-11-06 08:00:00,2026-11-06 09:00:00,OPT,gone,SUB-6"));
        failsWith("zuora-usage/unreachable.csv", ZUORA_USAGE.replace("api calls", "gone"));
        // its token is still cached: the upload carries it when the connection fails
        failsWith("zuora-revenue/unreachable.csv", REVENUE.replace("RS-1", "RS-3"));
        failsWith("billing-receiver/unreachable.csv", "account,amount\nACME,14\n");
    }

    private void failsWith(String file, String content) throws Exception {
        drop(file, content);
        awaitIn("failed/" + file + ".error.json");
    }

    private void awaitIn(String relative) {
        await().atMost(60, SECONDS).until(() -> Files.exists(data.resolve(relative)));
    }

    private void dropInsightsBatch(String batch) throws IOException {
        Path staged = Files.createDirectories(data.resolve("staging/insights").resolve(batch));
        Files.writeString(staged.resolve("account.csv"), "id,name\nA-1,Acme\n");
        Files.writeString(staged.resolve("subscription.ndjson"), "{\"id\":\"S-1\",\"account_id\":\"A-1\"}\n");
        Path folder = inbox().resolve("insights/billing").resolve(batch);
        Files.createDirectories(folder.getParent());
        Files.move(staged, folder);
    }

    /** Every configured secret, and the tokens and sessions the targets issued for them. */
    private static SecretScanner scanner() {
        SecretScanner scanner = new SecretScanner()
                .add("2Checkout secret key", TWOCHECKOUT_KEY, MERCHANT)
                .add("2Checkout secret key (second target)", TWOCHECKOUT_WRONG_KEY, MERCHANT)
                .add("Zuora REST client secret (usage)", ZUORA_USAGE_SECRET, "usage-client")
                .add("Zuora REST client secret (bulk)", ZUORA_BULK_SECRET, "bulk-client")
                .add("Zuora SOAP password", SOAP_PASSWORD, SOAP_USER)
                .add("Insights API token", INSIGHTS_TOKEN, null)
                .add("http-multipart token", RECEIVER_TOKEN, null)
                .add("SFTP password", SFTP_PASSWORD, SFTP_USER)
                .add("ledger password", LEDGER_PASSWORD, "postgres")
                .add("trust store password", TRUST_PASSWORD, null);
        Set<String> issued = new LinkedHashSet<>();
        zuoraRestTokens(issued);
        zuoraSoap.calls().stream().map(c -> c.session()).filter(s -> s != null && !s.isBlank()).forEach(issued::add);
        int n = 0;
        for (String token : issued) {
            scanner.add("a token or session the targets issued #" + ++n, token, null);
        }
        assertTrue(n >= 2, "tokens were seen at the simulators: " + n);
        return scanner;
    }

    /** The bearer tokens Zuora's token endpoint issued, as the uploads presented them. */
    private static void zuoraRestTokens(Set<String> issued) {
        zuoraRest.requests().stream().map(r -> r.header("authorization")).filter(h -> h != null
                && h.startsWith("Bearer ")).map(h -> h.substring("Bearer ".length())).forEach(issued::add);
    }

    /** The product's log lines: the simulators' and their SSH server's own lines are theirs, not ours. */
    private static String productLog(String captured) {
        StringBuilder kept = new StringBuilder();
        boolean keep = true;
        for (String line : captured.split("\n", -1)) {
            Matcher m = LOG_LINE.matcher(line);
            if (m.find()) {
                String logger = m.group(1);
                keep = !logger.startsWith("io.usagebridge.sandbox") && !logger.startsWith("org.apache.sshd");
            }
            if (keep) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private static String describe(Meter meter) {
        StringBuilder s = new StringBuilder(meter.getId().toString());
        meter.measure().forEach(m -> s.append(' ').append(m.getStatistic()).append('=').append(m.getValue()));
        return s.toString();
    }
}
