package io.usagebridge.targets.insights;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.spi.Registry;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.deadletter.ErrorSidecarWriter;
import io.usagebridge.deadletter.FailureClassifier;
import io.usagebridge.intake.IntakePollMonitor;
import io.usagebridge.intake.RunSummary;
import io.usagebridge.ledger.LedgerDatabase;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.plugin.TargetCatalog;
import io.usagebridge.plugin.TargetServices;
import io.usagebridge.targets.insights.ledger.InsightsBatchLedger;

/**
 * Binds the beans of the Insights batch intake and target (named by routes/intake-insights.camel.yaml and the
 * insights-batch template), on every runtime, when the core binds its plug-ins. With no insights-batch target
 * configured the intake finds nothing to do.
 */
final class InsightsBatchWiring {

    private InsightsBatchWiring() {
    }

    static void bind(TargetServices services) {
        Registry registry = services.registry();
        UsageBridgeSettings settings = services.settings();
        LedgerDatabase database = services.database();
        Ledger ledger = services.ledger();
        TargetCatalog catalog = services.catalog();
        FailureClassifier classifier = services.classifier();
        RunSummary summary = services.summary();
        Clock clock = services.clock();
        Map<String, InsightsTargetSettings> targets = new LinkedHashMap<>();
        Map<String, InsightsFileRules> rules = new LinkedHashMap<>();
        int maxViolations = settings.getInt("validation.max-violations", 20);
        for (TargetConfig target : catalog.targets().values()) {
            if (InsightsBatchTarget.TYPE.equals(target.type())) {
                InsightsTargetSettings s = InsightsTargetSettings.read(target);
                targets.put(target.id(), s);
                rules.put(target.id(), new InsightsFileRules(s.maxFileBytes(), s.maxLineBytes(), maxViolations,
                        services.chunker().limits()));
            }
        }
        String folder = settings.get("intake.insights.folder", "insights");
        Path inbox = Path.of(settings.get("intake.folder.dir", "data/inbox"));
        InsightsBatchLedger batches = new InsightsBatchLedger(database.dataSource(), ledger.instance(), clock);
        IntakePollMonitor polls = services.pollMonitor();

        registry.bind("insightsBatchLedger", batches);
        // the console's re-run of a failed batch
        registry.bind("insightsBatchRerun", new InsightsBatchRerun(batches, inbox.resolve(folder)));
        Duration readLock = Duration.ofMillis(settings.getLong("intake.insights.read-lock-min-age-ms", 1000));
        InsightsBatchCollector collector = new InsightsBatchCollector(targets, batches, inbox.resolve(folder),
                folder, readLock, clock, polls);
        registry.bind("insightsBatchCollector", collector);
        registry.bind("insightsBatchDryRun", new InsightsBatchDryRun(collector, folder));
        registry.bind("insightsBatchClaimer", new InsightsBatchClaimer(targets, batches, folder));
        registry.bind("insightsRecordIntake", new InsightsRecordIntake(ledger, batches, folder));
        registry.bind("insightsFileValidator", new InsightsFileValidator(rules));
        registry.bind("insightsBatchGate", new InsightsBatchGate(targets, ledger, batches));
        registry.bind("insightsDeliveryPreparer", new InsightsDeliveryPreparer());
        registry.bind("insightsDeliveryLinker", new InsightsDeliveryLinker(batches));
        registry.bind("insightsSendContext", new InsightsSendContext(batches));
        registry.bind("insightsErrorMapper", new InsightsErrorMapper(classifier));
        registry.bind("insightsBatchFinaliser", new InsightsBatchFinaliser(targets, ledger, batches,
                new ErrorSidecarWriter(), summary, folder, Path.of(settings.get("intake.folder.done-dir", "data/done")),
                Path.of(settings.get("intake.folder.failed-dir", "data/failed")),
                Path.of(settings.get("intake.folder.duplicate-dir", "data/duplicate")), clock, polls));
    }
}
