package io.usagebridge.faults.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code -Dkey=value} overrides one app process starts with (Camel Quarkus reads system properties over
 * config/application.properties). Starts from what every row needs: the row's folders, short polls and read locks,
 * short leases so a takeover after a kill happens in seconds, and the 2Checkout target on its simulator. Targets
 * and intakes are added by name; the targets list and the route files to load are rendered from them.
 */
public final class AppSettings {

    /** Leases short enough that a killed process's work is taken over within a row (product defaults 60 s / 15 s). */
    public static final int LEASE_MS = 3000;
    public static final int HEARTBEAT_MS = 500;

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> targets = new LinkedHashSet<>();
    private final Set<String> extraRouteFiles = new LinkedHashSet<>();

    private AppSettings() {
    }

    /** One process's settings on the row's shared folders and ledger. */
    public static AppSettings forRun(RunFolders folders, Simulators simulators, LedgerAccess ledger) {
        AppSettings s = new AppSettings();
        s.targets.add("twocheckout");
        if (!ledger.isH2()) {
            // an H2 row keeps the product's default ledger.url, so it tests what users get
            s.with("ledger.url", ledger.url()).with("ledger.user", ledger.user())
                    .with("ledger.password", ledger.password());
        }
        s.with("ledger.lease-ms", LEASE_MS)
                .with("ledger.heartbeat-ms", HEARTBEAT_MS)
                .with("usagebridge.shutdown-timeout-ms", 10_000)
                .with("intake.folder.dir", folders.inbox())
                .with("intake.folder.done-dir", folders.done())
                .with("intake.folder.failed-dir", folders.failed())
                .with("intake.folder.duplicate-dir", folders.duplicate())
                .with("intake.folder.inflight-dir", folders.inflight())
                .with("intake.folder.poll-delay-ms", 200)
                .with("intake.folder.read-lock-min-age-ms", 200)
                .with("intake.folder.read-lock-check-interval-ms", 100)
                .with("intake.insights.enabled", false)
                .with("deliver.retry.initial-delay-ms", 200)
                .with("deliver.retry.max-delay-ms", 1000)
                .with("poll.interval-ms", 200)
                .with("poll.start-delay-ms", 200)
                .with("target.twocheckout.url", simulators.twoCheckout().url())
                .with("target.twocheckout.merchant", Simulators.MERCHANT)
                .with("target.twocheckout.secret-key", Simulators.SECRET_KEY);
        return s;
    }

    public AppSettings with(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    public AppSettings without(String key) {
        values.remove(key);
        return this;
    }

    public String get(String key) {
        return values.get(key);
    }

    /** Names the stages at which the app blocks and logs {@code FAULT POINT <name> reached}. */
    public AppSettings faultPoints(String... names) {
        return names.length == 0 ? without("usagebridge.fault-points")
                : with("usagebridge.fault-points", String.join(",", names));
    }

    /** The Zuora REST usage target ({@code routes/available/target-zuora-usage.camel.yaml}) for inbox/zuora-usage/. */
    public AppSettings withZuoraUsage(Simulators simulators) {
        targets.add("zuora-usage");
        extraRouteFiles.add("routes/available/target-zuora-usage.camel.yaml");
        return with("target.zuora-usage.type", "zuora-rest-usage")
                .with("target.zuora-usage.base-url", simulators.zuora().baseUrl())
                .with("target.zuora-usage.client-id", Simulators.ZUORA_CLIENT_ID)
                .with("target.zuora-usage.client-secret", Simulators.ZUORA_CLIENT_SECRET)
                .with("target.zuora-usage.inbox-folder", UsageFiles.ZUORA_USAGE_FOLDER)
                .with("target.zuora-usage.poll-initial-delay-ms", 200)
                .with("target.zuora-usage.poll-max-delay-ms", 400);
    }

    /** The Insights batch target and its intake for inbox/insights/&lt;dataSource&gt;/&lt;batch&gt;/. */
    public AppSettings withInsights(Simulators simulators) {
        targets.add("insights");
        extraRouteFiles.add("routes/available/target-insights.camel.yaml");
        return with("intake.insights.enabled", true)
                .with("intake.insights.start-delay-ms", 200)
                .with("intake.insights.scan-interval-ms", 300)
                .with("intake.insights.read-lock-min-age-ms", 200)
                .with("target.insights.type", "insights-batch")
                .with("target.insights.url", simulators.insights().uploadUrl())
                .with("target.insights.api-token", Simulators.INSIGHTS_TOKEN)
                .with("target.insights.data-sources", UsageFiles.INSIGHTS_DATA_SOURCE)
                .with("target.insights.data-source." + UsageFiles.INSIGHTS_DATA_SOURCE + ".record-types",
                        String.join(",", UsageFiles.INSIGHTS_RECORD_TYPES))
                .with("target.insights.signed-url-hosts", "localhost:*")
                .with("target.insights.signed-url-allow-http-localhost", true);
    }

    /** The SFTP intake on the simulator's server, in {@code remoteDir}, instead of the folder intake. */
    public AppSettings withSftpIntake(Simulators simulators, String remoteDir, java.nio.file.Path knownHosts,
                                      java.nio.file.Path nodeDir) {
        return with("intake.folder.enabled", false)
                .with("intake.sftp.enabled", true)
                .with("intake.sftp.host", "localhost")
                .with("intake.sftp.port", simulators.sftp().port())
                .with("intake.sftp.dir", remoteDir)
                .with("intake.sftp.user", Simulators.SFTP_USER)
                .with("intake.sftp.password", Simulators.SFTP_PASSWORD)
                .with("intake.sftp.known-hosts-file", knownHosts)
                .with("intake.sftp.local-work-dir", nodeDir.resolve("sftp-work"))
                .with("intake.sftp.local-failed-dir", nodeDir.resolve("sftp-failed"))
                .with("intake.sftp.poll-delay-ms", 300)
                .with("intake.sftp.read-lock-check-interval-ms", 200);
    }

    public AppSettings copy() {
        AppSettings copy = new AppSettings();
        copy.values.putAll(values);
        copy.targets.addAll(targets);
        copy.extraRouteFiles.addAll(extraRouteFiles);
        return copy;
    }

    /** Every override as {@code -Dkey=value}, the targets list and route files included. */
    public List<String> asSystemProperties() {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.put("usagebridge.targets", String.join(",", targets));
        List<String> patterns = new ArrayList<>(List.of("file:routes/*.camel.yaml"));
        extraRouteFiles.forEach(file -> patterns.add("file:" + file));
        all.put("camel.main.routes-include-pattern", String.join(",", patterns));
        List<String> args = new ArrayList<>();
        all.forEach((key, value) -> args.add("-D" + key + "=" + value));
        return args;
    }
}
