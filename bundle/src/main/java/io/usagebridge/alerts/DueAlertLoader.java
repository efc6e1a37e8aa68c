package io.usagebridge.alerts;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.alerts.ledger.AlertChannel;
import io.usagebridge.alerts.ledger.AlertLedger;

/**
 * The body becomes one channel's alerts due for sending, a bounded batch per tick, each taken under this instance's
 * lease.
 */
public final class DueAlertLoader implements Processor {

    private final AlertLedger alerts;
    private final AlertChannel channel;
    private final int batch;

    public DueAlertLoader(AlertLedger alerts, AlertChannel channel, int batch) {
        this.alerts = alerts;
        this.channel = channel;
        this.batch = batch;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(alerts.takeDue(channel, batch));
    }
}
