package io.usagebridge.alerts;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.alerts.ledger.AlertLedger;

/** The body becomes the alerts due for sending, a bounded batch per tick, each taken under this instance's lease. */
public final class DueAlertLoader implements Processor {

    private final AlertLedger alerts;
    private final int batch;

    public DueAlertLoader(AlertLedger alerts, int batch) {
        this.alerts = alerts;
        this.batch = batch;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(alerts.takeDue(batch));
    }
}
