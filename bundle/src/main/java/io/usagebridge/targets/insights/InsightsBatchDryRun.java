package io.usagebridge.targets.insights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.preview.DryRunFile;
import io.usagebridge.preview.DryRunOutcome;
import io.usagebridge.preview.DryRunVerdict;
import io.usagebridge.preview.FolderDryRun;

/**
 * The Insights batches of a dry run's inbox, each sent whole to its target's {@code direct:deliver-<target>} as the
 * intake hands it over: claimed (its batchDate chosen) in the dry run's throwaway ledger, every record type
 * received and checked by the real steps, and each one's send route writing its preview in place of the upload.
 * Nothing moves: the finaliser, which moves batch folders, is the intake's and is not called.
 */
public final class InsightsBatchDryRun implements FolderDryRun {

    private final InsightsBatchCollector collector;
    private final String insightsFolder;

    public InsightsBatchDryRun(InsightsBatchCollector collector, String insightsFolder) {
        this.collector = collector;
        this.insightsFolder = insightsFolder;
    }

    @Override
    public List<DryRunOutcome> preview(ProducerTemplate producer, Path inbox, Path preview) throws IOException {
        Path root = inbox.resolve(insightsFolder);
        List<DryRunOutcome> outcomes = new ArrayList<>();
        for (Path dataSource : Files.isDirectory(root) ? InsightsBatchCollector.directories(root) : List.<Path>of()) {
            String name = dataSource.getFileName().toString();
            if (!collector.isDataSource(name)) {
                outcomes.add(new DryRunOutcome(insightsFolder + "/" + name + "/", DryRunVerdict.NOT_PREVIEWED,
                        List.of(), List.of(), null, "not a data source of any insights-batch target: a real run "
                        + "leaves the folder alone"));
            }
        }
        for (BatchFolder batch : collector.asTheyStand(root)) {
            DryRunFile record = new DryRunFile(batch.displayName(insightsFolder), preview);
            Exchange done = producer.send("direct:deliver-" + batch.target(), exchange -> {
                exchange.getMessage().setBody(batch);
                exchange.setProperty(ExchangeKeys.TARGET, batch.target());
                exchange.setProperty(ExchangeKeys.DRY_RUN, record);
            });
            outcomes.add(DryRunOutcome.of(record, done, null));
        }
        return outcomes;
    }
}
