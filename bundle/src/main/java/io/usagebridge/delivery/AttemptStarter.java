package io.usagebridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.ledger.LedgerRepository;

/** Marks the delivery SENDING and opens its attempt, right before the request is written. */
public final class AttemptStarter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptStarter.class);

    private final LedgerRepository ledger;

    public AttemptStarter(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    @Override
    public void process(Exchange exchange) {
        long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        int attempt = ledger.markSending(deliveryId);
        LOG.info("{} -> {} delivery {}: SENDING (attempt {})", exchange.getProperty(ExchangeKeys.SOURCE_NAME),
                exchange.getProperty(ExchangeKeys.TARGET), deliveryId, attempt);
    }
}
