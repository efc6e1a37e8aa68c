package io.usagebridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.fault.FaultPoints;
import io.usagebridge.ledger.Claim;
import io.usagebridge.ledger.DeliveryLedger;
import io.usagebridge.plugin.TargetCatalog;

/**
 * Claims (content, target, chunk) in the ledger under this instance's lease before anything is sent: the step that
 * makes delivery exactly once. Only a claimed chunk goes on; an accepted one is a duplicate; an uncertain one is
 * never resent from here (it waits for a lookup or an operator).
 */
public final class DeliveryClaimer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryClaimer.class);

    private final DeliveryLedger deliveries;
    private final TargetCatalog catalog;
    private final FaultPoints faultPoints;

    public DeliveryClaimer(DeliveryLedger deliveries, TargetCatalog catalog, FaultPoints faultPoints) {
        this.deliveries = deliveries;
        this.catalog = catalog;
        this.faultPoints = faultPoints;
    }

    @Override
    public void process(Exchange exchange) {
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        long sourceId = exchange.getProperty(ExchangeKeys.SOURCE_ID, Long.class);
        String sha256 = exchange.getProperty(ExchangeKeys.SHA256, String.class);
        Claim claim = deliveries.claim(sourceId, sha256, target, DeliveryPlanner.planned(chunk),
                catalog.dedupsResends(target));
        exchange.setProperty(ExchangeKeys.DELIVERY_ID, claim.deliveryId());
        exchange.setProperty(ExchangeKeys.CLAIMED, claim.claimed());
        exchange.setProperty(ExchangeKeys.KEY_GENERATION, claim.keyGeneration());
        String what = exchange.getProperty(ExchangeKeys.SOURCE_NAME, String.class) + " -> " + target + " chunk "
                + chunk.index() + "/" + chunk.count() + " delivery " + claim.deliveryId();
        String adopted = claim.adopted() ? " (taken over from an earlier intake of this file that was cut short)" : "";
        switch (claim.outcome()) {
            case CLAIMED -> {
                LOG.info("{}: CLAIMED ({} rows, {} bytes, md5 {}, key generation {}){}", what, chunk.rows(),
                        chunk.bytes(), chunk.md5(), claim.keyGeneration(), adopted);
                faultPoints.reach(FaultPoints.AFTER_CLAIM, what);
            }
            case ALREADY_ACCEPTED -> LOG.info("{}: already ACCEPTED, nothing to send{}", what, adopted);
            case IN_FLIGHT -> LOG.info("{}: DUPLICATE, the same content is being delivered now, or waits for its "
                    + "retry or remote job", what);
            case WAITING -> LOG.info("{}: waits for its parked retry or remote job{}", what, adopted);
            case UNCERTAIN -> LOG.warn("{}: UNCERTAIN, an earlier send of this content may have arrived without an "
                    + "answer; it is never resent from the inbox: resolve it (usagebridge resolve {} --delivered | "
                    + "--resend){}", what, claim.deliveryId(), adopted);
        }
    }
}
