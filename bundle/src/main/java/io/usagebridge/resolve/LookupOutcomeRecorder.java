package io.usagebridge.resolve;

import java.time.Clock;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.Resolutions;
import io.usagebridge.plugin.TargetCatalog;
import io.usagebridge.poll.PollTiming;

/**
 * What a lookup at the target found for an uncertain send: the request arrived (its job is followed from here, as
 * if the answer had come), or it never arrived (it is sent again: a send, not a repeat).
 */
public final class LookupOutcomeRecorder implements Processor {

    /** What a lookup route sets {@link ExchangeKeys#LOOKUP_OUTCOME} to. */
    public static final String FOUND = "FOUND";
    public static final String NOT_FOUND = "NOT_FOUND";

    private static final Logger LOG = LoggerFactory.getLogger(LookupOutcomeRecorder.class);

    private final Resolutions resolutions;
    private final TargetCatalog catalog;
    private final Clock clock;

    public LookupOutcomeRecorder(Resolutions resolutions, TargetCatalog catalog, Clock clock) {
        this.resolutions = resolutions;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        DeliveryRow row = exchange.getProperty(ExchangeKeys.DELIVERY_ROW, DeliveryRow.class);
        String outcome = exchange.getProperty(ExchangeKeys.LOOKUP_OUTCOME, String.class);
        String detail = exchange.getProperty(ExchangeKeys.REMOTE_RESPONSE, String.class);
        if (FOUND.equals(outcome)) {
            String remoteId = exchange.getProperty(ExchangeKeys.REMOTE_ID, String.class);
            PollTiming timing = PollTiming.of(catalog.target(row.target()));
            Instant now = clock.instant();
            resolutions.foundAtTarget(row.id(), remoteId, detail, now, now.plus(timing.timeout()));
            LOG.info("{} delivery {}: the uncertain send is at the target as {}: POLLING it", row.target(), row.id(),
                    remoteId);
        } else if (NOT_FOUND.equals(outcome)) {
            resolutions.notAtTarget(row.id(), detail);
            LOG.info("{} delivery {}: the uncertain send never reached the target: sending it again", row.target(),
                    row.id());
        } else {
            throw new IllegalStateException("the lookup route of " + row.target() + " set no outcome");
        }
    }
}
