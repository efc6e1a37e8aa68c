package io.usagebridge.targets.insights;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.deadletter.FailureLog;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.targets.insights.ledger.InsightsBatchLedger;
import io.usagebridge.targets.insights.ledger.InsightsBatchRow;

/**
 * Decides a batch in the ledger before anything is read or sent. A complete batch is claimed for this node and
 * gets its batchDate, persisted in the same transaction, so every record type, retry and replay uses that one
 * value; the body becomes its record types' files. A batch incomplete at its deadline, or holding files that are
 * no record type, fails here (recorded on the batch, then thrown to the dead-letter route).
 */
public final class InsightsBatchClaimer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InsightsBatchClaimer.class);

    private final Map<String, InsightsTargetSettings> targets;
    private final InsightsBatchLedger batches;
    private final String insightsFolder;

    public InsightsBatchClaimer(Map<String, InsightsTargetSettings> targets, InsightsBatchLedger batches,
                                String insightsFolder) {
        this.targets = targets;
        this.batches = batches;
        this.insightsFolder = insightsFolder;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        BatchFolder batch = exchange.getMessage().getMandatoryBody(BatchFolder.class);
        InsightsTargetSettings.DataSource dataSource = targets.get(batch.target()).dataSources()
                .get(batch.dataSource());
        String display = batch.displayName(insightsFolder);
        exchange.setProperty(InsightsKeys.BATCH, batch);
        exchange.setProperty(InsightsKeys.DATA_SOURCE, batch.dataSource());
        exchange.setProperty(ExchangeKeys.SOURCE_NAME, display);
        exchange.setProperty(ExchangeKeys.FAILURES, new FailureLog());
        switch (batch.kind()) {
            case EXPIRED -> {
                String message = "batch " + display + " is still incomplete at its deadline " + batch.deadline()
                        + " (" + spoken(dataSource.batchDeadline()) + " after it was first seen, "
                        + "target." + batch.target() + ".batch-deadline-ms): missing record type(s) "
                        + batch.missing() + " (present: " + batch.files().keySet() + "). Nothing was uploaded. "
                        + "Zuora Insights pauses a daily data source's stream when its batch files are late, and "
                        + "processes no other data until they arrive: put the missing file(s) in the folder and move "
                        + "it back into the inbox";
                batches.fail(batch.batchId(), InsightsFailureCode.INSIGHTS_BATCH_INCOMPLETE, message);
                throw new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_BATCH_INCOMPLETE, message);
            }
            case INVALID -> {
                String message = "batch " + display + " is not uploaded: " + String.join("; ", batch.unexpected())
                        + (batch.missing().isEmpty() ? "" : "; missing record type(s) " + batch.missing())
                        + " (data source " + batch.dataSource() + " has record types " + dataSource.recordTypes()
                        + ", one file each: <recordType>.csv, .json or .ndjson)";
                batches.fail(batch.batchId(), InsightsFailureCode.INSIGHTS_BATCH_INVALID, message);
                throw new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_BATCH_INVALID, message);
            }
            case READY -> claim(exchange, batch, dataSource, display);
            case DUPLICATE -> LOG.info("{}: DUPLICATE, this batch was uploaded before; nothing is sent", display);
            case SETTLED -> LOG.info("{}: already decided, its folder is moved now", display);
        }
    }

    private void claim(Exchange exchange, BatchFolder batch, InsightsTargetSettings.DataSource dataSource,
                       String display) {
        Optional<InsightsBatchRow> claimed = batches.claim(batch.batchId());
        if (claimed.isEmpty()) {
            LOG.info("{}: taken by another node, skipped", display);
            return;
        }
        String batchDate = claimed.get().batchDate();
        exchange.setProperty(InsightsKeys.BATCH_ID, batch.batchId());
        exchange.setProperty(InsightsKeys.BATCH_DATE, batchDate);
        List<RecordFile> files = dataSource.recordTypes().stream()
                .map(type -> new RecordFile(type, batch.files().get(type))).toList();
        exchange.getMessage().setBody(files);
        LOG.info("{}: CLAIMED batch {} with batchDate {} ({} record types)", display, batch.batchId(), batchDate,
                files.size());
    }

    /** A configured duration as people read it: 2 hours, 90 minutes, 3 seconds. */
    static String spoken(java.time.Duration d) {
        if (d.toHours() >= 2 && d.toMinutesPart() == 0) {
            return d.toHours() + " hours";
        }
        return d.toMinutes() >= 2 ? d.toMinutes() + " minutes" : d.toSeconds() + " seconds";
    }
}
