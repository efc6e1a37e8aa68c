package io.usagebridge.targets.insights;

import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.targets.insights.ledger.InsightsBatchLedger;

/**
 * A record type sent outside its batch's round (a parked retry): its batch, data source, record type and the
 * batch's one batchDate come from the ledger, so the retry asks its upload URL exactly as the first attempt did.
 */
public final class InsightsSendContext implements Processor {

    private final InsightsBatchLedger batches;

    public InsightsSendContext(InsightsBatchLedger batches) {
        this.batches = batches;
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.getProperty(InsightsKeys.BATCH_DATE) != null) {
            return; // sent in its batch's round: everything is set
        }
        long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        InsightsBatchLedger.DeliveredRecord record = batches.recordOfDelivery(deliveryId).orElseThrow(() ->
                new IllegalStateException("delivery " + deliveryId + " belongs to no Insights batch"));
        Path file = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class).path();
        exchange.setProperty(InsightsKeys.BATCH_ID, record.batchId());
        exchange.setProperty(InsightsKeys.DATA_SOURCE, record.dataSource());
        exchange.setProperty(InsightsKeys.RECORD_TYPE, record.recordType());
        exchange.setProperty(InsightsKeys.BATCH_DATE, record.batchDate());
        exchange.setProperty(InsightsKeys.RECORD_FILE, file);
    }
}
