package io.usagebridge.poll;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ledger.Ledger;

/** The body becomes the deliveries whose status check is due, a bounded batch per tick, each taken under lease. */
public final class DuePollLoader implements Processor {

    private final Ledger ledger;
    private final int batch;

    public DuePollLoader(Ledger ledger, int batch) {
        this.ledger = ledger;
        this.batch = batch;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(ledger.polls().takeDuePolls(batch));
    }
}
