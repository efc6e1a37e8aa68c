package io.usagebridge.poll;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ledger.PollLedger;

/** The body becomes the deliveries whose status check is due, a bounded batch per tick, each taken under lease. */
public final class DuePollLoader implements Processor {

    private final PollLedger polls;
    private final int batch;

    public DuePollLoader(PollLedger polls, int batch) {
        this.polls = polls;
        this.batch = batch;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(polls.takeDuePolls(batch));
    }
}
