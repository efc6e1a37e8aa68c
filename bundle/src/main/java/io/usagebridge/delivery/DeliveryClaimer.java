package io.usagebridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.Claim;
import io.usagebridge.ledger.LedgerRepository;

/**
 * Claims (content, target, chunk) in the ledger before anything is sent: the step that makes delivery exactly
 * once. Only a claimed chunk goes on; an accepted one is a duplicate.
 */
public final class DeliveryClaimer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryClaimer.class);

    private final LedgerRepository ledger;

    public DeliveryClaimer(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    @Override
    public void process(Exchange exchange) {
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        long sourceId = exchange.getProperty(ExchangeKeys.SOURCE_ID, Long.class);
        String sha256 = exchange.getProperty(ExchangeKeys.SHA256, String.class);
        Claim claim = ledger.claim(sourceId, sha256, target, chunk.index(), chunk.count());
        exchange.setProperty(ExchangeKeys.DELIVERY_ID, claim.deliveryId());
        exchange.setProperty(ExchangeKeys.CLAIMED, claim.claimed());
        String what = exchange.getProperty(ExchangeKeys.SOURCE_NAME, String.class) + " -> " + target + " chunk "
                + chunk.index() + "/" + chunk.count() + " delivery " + claim.deliveryId();
        switch (claim.outcome()) {
            case CLAIMED -> {
                ledger.describeChunk(claim.deliveryId(), chunk.md5(), chunk.bytes(), chunk.rows());
                LOG.info("{}: CLAIMED ({} rows, {} bytes, md5 {})", what, chunk.rows(), chunk.bytes(), chunk.md5());
            }
            case ALREADY_ACCEPTED -> LOG.info("{}: DUPLICATE, this content already reached the target", what);
            case IN_FLIGHT -> LOG.info("{}: DUPLICATE, the same content is being delivered now", what);
            case UNCERTAIN -> throw new UsageBridgeFailure(FailureCode.DELIVERY_UNCERTAIN, "an earlier send of this "
                    + "content to " + target + " was cut short before its answer: check the target, then replay "
                    + "the file to send it again");
        }
    }
}
