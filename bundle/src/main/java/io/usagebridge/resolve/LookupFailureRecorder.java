package io.usagebridge.resolve;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.Resolutions;

/** A lookup that could not tell (the target failed to answer): the send stays UNCERTAIN and is looked up later. */
public final class LookupFailureRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(LookupFailureRecorder.class);

    private final Resolutions resolutions;
    private final Duration again;

    public LookupFailureRecorder(Resolutions resolutions, Duration again) {
        this.resolutions = resolutions;
        this.again = again;
    }

    @Override
    public void process(Exchange exchange) {
        DeliveryRow row = exchange.getProperty(ExchangeKeys.DELIVERY_ROW, DeliveryRow.class);
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (row == null) {
            LOG.warn("uncertain lookups: {}", thrown == null ? "failed" : thrown.getMessage());
            return;
        }
        resolutions.lookupAgain(row.id(), again);
        LOG.warn("{} delivery {}: the lookup at the target failed ({}); asking again in {} s", row.target(), row.id(),
                thrown == null ? "?" : thrown.getMessage(), again.toSeconds());
    }
}
