package io.usagebridge.targets.insights;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.targets.insights.ledger.InsightsBatchLedger;

/** Links the delivery a record type was claimed as (or that already carried it) to its batch in the ledger. */
public final class InsightsDeliveryLinker implements Processor {

    private final InsightsBatchLedger batches;

    public InsightsDeliveryLinker(InsightsBatchLedger batches) {
        this.batches = batches;
    }

    @Override
    public void process(Exchange exchange) {
        batches.recordDelivery(exchange.getProperty(InsightsKeys.BATCH_ID, Long.class),
                exchange.getProperty(InsightsKeys.RECORD_TYPE, String.class),
                exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class));
    }
}
