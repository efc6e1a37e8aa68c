package io.usagebridge.delivery;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.ledger.DeliveryLedger;

/**
 * Before a slice is cut into chunks: the rows per chunk of an earlier delivery of the same content to the same
 * target, if any. Claims are bound to those rows, so the chunker follows them instead of today's limits.
 */
public final class ChunkPlanLoader implements Processor {

    private final DeliveryLedger deliveries;

    public ChunkPlanLoader(DeliveryLedger deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void process(Exchange exchange) {
        String sha = exchange.getProperty(ExchangeKeys.SHA256, String.class);
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        exchange.setProperty(ExchangeKeys.CHUNK_PLAN, deliveries.storedPlan(sha, target));
    }

    /** The plan the loader found for this exchange's target (empty when none). */
    @SuppressWarnings("unchecked")
    public static List<Long> plan(Exchange exchange) {
        List<Long> plan = exchange.getProperty(ExchangeKeys.CHUNK_PLAN, List.class);
        return plan == null ? List.of() : plan;
    }
}
