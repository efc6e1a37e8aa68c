package io.usagebridge.delivery;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.ledger.DeliveryLedger;
import io.usagebridge.ledger.PlannedChunk;

/**
 * Records the chunks a slice was cut into as the target's plan, all in one transaction, before the first is
 * claimed: a crash between two chunks leaves the whole plan for the next intake of the file.
 */
public final class DeliveryPlanner implements Processor {

    private final DeliveryLedger deliveries;

    public DeliveryPlanner(DeliveryLedger deliveries) {
        this.deliveries = deliveries;
    }

    /** The body's chunks; without a list, the one chunk the exchange carries (an Insights record type's file). */
    @Override
    public void process(Exchange exchange) throws Exception {
        @SuppressWarnings("unchecked")
        List<ChunkFile> chunks = exchange.getMessage().getBody() instanceof List<?> list ? (List<ChunkFile>) list
                : List.of(exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class));
        deliveries.plan(exchange.getProperty(ExchangeKeys.SOURCE_ID, Long.class),
                exchange.getProperty(ExchangeKeys.SHA256, String.class),
                exchange.getProperty(ExchangeKeys.TARGET, String.class),
                chunks.stream().map(DeliveryPlanner::planned).toList());
    }

    static PlannedChunk planned(ChunkFile chunk) {
        return new PlannedChunk(chunk.index(), chunk.md5(), chunk.bytes(), chunk.rows(),
                chunk.path().toAbsolutePath().toString());
    }
}
