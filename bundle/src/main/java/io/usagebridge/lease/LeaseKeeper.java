package io.usagebridge.lease;

import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ledger.LeaseLedger;

/**
 * The heartbeat: renews every lease this instance holds, then takes over work whose lease ran out elsewhere (an
 * instance that died or stalled): intakes cut short, claims and sends left behind, locks of dead instances.
 */
public final class LeaseKeeper implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final LeaseLedger leases;
    private final Set<String> targetsThatDedupResends;

    public LeaseKeeper(LeaseLedger leases, Set<String> targetsThatDedupResends) {
        this.leases = leases;
        this.targetsThatDedupResends = targetsThatDedupResends;
    }

    @Override
    public void process(Exchange exchange) {
        leases.renew();
        LeaseLedger.Swept swept = leases.sweepExpired(targetsThatDedupResends);
        if (swept.total() > 0) {
            LOG.warn("took over work whose lease ran out: {} intake(s) interrupted, {} claim(s) released, "
                    + "{} send(s) to resend (the target deduplicates repeats), {} send(s) UNCERTAIN, {} read lock(s) "
                    + "dropped", swept.interruptedSources(), swept.releasedClaims(), swept.resendable(),
                    swept.uncertain(), swept.locks());
        }
    }
}
