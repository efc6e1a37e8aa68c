package io.usagebridge.targets.insights;

import java.nio.file.Files;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.targets.insights.ledger.InsightsBatchLedger;
import io.usagebridge.targets.insights.ledger.InsightsRecordRow;

/**
 * Receives one record type's file of a claimed batch: one streaming pass (MD5, SHA-256, lines, UTF-8), recorded
 * as a source file in the ledger and linked to the batch. The file is read where it lies: the batch folder stays
 * in the inbox until the batch is finished, and is then moved whole.
 */
public final class InsightsRecordIntake implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InsightsRecordIntake.class);

    private final Ledger ledger;
    private final InsightsBatchLedger batches;
    private final String insightsFolder;

    public InsightsRecordIntake(Ledger ledger, InsightsBatchLedger batches, String insightsFolder) {
        this.ledger = ledger;
        this.batches = batches;
        this.insightsFolder = insightsFolder;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        RecordFile record = exchange.getMessage().getMandatoryBody(RecordFile.class);
        BatchFolder batch = exchange.getProperty(InsightsKeys.BATCH, BatchFolder.class);
        long batchId = exchange.getProperty(InsightsKeys.BATCH_ID, Long.class);
        String name = batch.displayName(insightsFolder) + "/" + record.file().getFileName();
        exchange.setProperty(ExchangeKeys.STAGE, "intake");
        exchange.setProperty(ExchangeKeys.SOURCE_NAME, name);
        exchange.setProperty(InsightsKeys.RECORD_TYPE, record.recordType());
        exchange.setProperty(InsightsKeys.RECORD_FILE, record.file());
        if (Files.isSymbolicLink(record.file())) {
            // a link would upload whatever it points at, checked or not, now or later
            throw new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_BATCH_INVALID, record.file().getFileName()
                    + " is a symbolic link: a batch folder holds its record files themselves");
        }
        FileScan scan = FileScan.of(record.file());
        // a resumed batch keeps each unchanged record type's source row: no new row at every round
        Long known = batches.records(batchId).stream().filter(r -> r.recordType().equals(record.recordType()))
                .map(InsightsRecordRow::sourceId).filter(id -> id != null).findFirst().orElse(null);
        long sourceId;
        if (known != null && ledger.sources().retakeSource(known, scan.sha256())) {
            sourceId = known;
        } else {
            sourceId = ledger.sources().recordSource(name, record.file().toAbsolutePath().toString(),
                    exchange.getFromRouteId(), record.file(), scan.fingerprint());
            batches.recordSource(batchId, record.recordType(), sourceId);
        }
        exchange.setProperty(ExchangeKeys.SOURCE_ID, sourceId);
        exchange.setProperty(ExchangeKeys.SHA256, scan.sha256());
        exchange.setProperty(InsightsKeys.FILE_SCAN, scan);
        LOG.info("{}: RECEIVED as source {} ({} bytes, {} lines, md5 {})", name, sourceId, scan.bytes(), scan.lines(),
                scan.md5());
    }
}
