package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.core.ConditionTimeoutException;

import io.usagebridge.UsageBridgeTestSupport;

/**
 * The app as InsightsLargeFileTest runs it in a JVM of its own (the test starts it with -Xmx128m): the real
 * bundle, routes and configuration, one insights-batch target, until the batch folder in the inbox is finished.
 * Exit 0 when it reached done/, 2 when failed/, 3 when neither within the time allowed.
 *
 * <p>Arguments: the data folder, the Insights upload URL, the API token.
 */
public final class InsightsLargeFileApp {

    private InsightsLargeFileApp() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Properties p = new Properties();
        p.put("usagebridge.work-dir", data.resolve("work").toString());
        p.put("ledger.url", "jdbc:h2:file:" + data.resolve("ledger/usagebridge").toAbsolutePath());
        p.put("ledger.node-id", "large-file-node");
        for (String dir : List.of("dir:inbox", "done-dir:done", "failed-dir:failed", "duplicate-dir:duplicate",
                "inflight-dir:inflight")) {
            String[] kv = dir.split(":");
            p.put("intake.folder." + kv[0], data.resolve(kv[1]).toString());
        }
        p.put("intake.folder.poll-delay-ms", "200");
        // the 2Checkout target of routes/ is configured but gets nothing here
        p.put("target.twocheckout.url", "http://localhost:9/unused");
        p.put("target.twocheckout.merchant", "UNUSED");
        p.put("target.twocheckout.secret-key", "unused");
        p.put("usagebridge.targets", "twocheckout,insights");
        p.put("target.insights.type", "insights-batch");
        p.put("target.insights.url", args[1]);
        p.put("target.insights.api-token", args[2]);
        p.put("target.insights.data-sources", "billing");
        p.put("target.insights.data-source.billing.record-types", "account,subscription");
        p.put("target.insights.signed-url-hosts", "localhost:*");
        p.put("target.insights.signed-url-allow-http-localhost", "true");
        p.put("intake.insights.start-delay-ms", "100");
        p.put("intake.insights.scan-interval-ms", "200");
        p.put("intake.insights.read-lock-min-age-ms", "200");

        Path routes = Files.createDirectories(data.resolve("routes"));
        Files.copy(Path.of("../routes/available/target-insights.camel.yaml"),
                routes.resolve("target-insights.camel.yaml"), StandardCopyOption.REPLACE_EXISTING);

        int exit;
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            UsageBridgeTestSupport.configure(context, p);
            List<RoutesBuilder> builders = UsageBridgeTestSupport.routeBuilders(context, List.of(routes));
            for (RoutesBuilder builder : builders) {
                context.addRoutes(builder);
            }
            // as camel-test and camel-main do: templatedRoutes (the targets) once every template is known
            for (RoutesBuilder builder : builders) {
                context.addTemplatedRoutes(builder);
            }
            context.start();
            Path done = data.resolve("done/insights/billing");
            Path failed = data.resolve("failed/insights/billing");
            try {
                await().atMost(120, SECONDS).pollInterval(200, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .until(() -> Files.isDirectory(done) || Files.isDirectory(failed));
                exit = Files.isDirectory(done) ? 0 : 2;
            } catch (ConditionTimeoutException e) {
                exit = 3;
            }
        }
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getUsed()).sum();
        System.out.println("insights-large-file: exit=" + exit + " maxHeapBytes=" + Runtime.getRuntime().maxMemory()
                + " peakHeapPoolsBytes=" + peak);
        System.exit(exit);
    }
}
