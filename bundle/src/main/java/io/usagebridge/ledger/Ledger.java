package io.usagebridge.ledger;

import java.time.Clock;

import javax.sql.DataSource;

/** The ledger's parts on one database, by concern: source files, deliveries, attempts, polls of remote jobs. */
public record Ledger(SourceLedger sources, DeliveryLedger deliveries, AttemptLedger attempts, PollLedger polls) {

    public static Ledger on(DataSource dataSource, LedgerInstance instance, Clock clock) {
        return new Ledger(new SourceLedger(dataSource, instance, clock),
                new DeliveryLedger(dataSource, instance, clock), new AttemptLedger(dataSource, instance, clock),
                new PollLedger(dataSource, instance, clock));
    }

    public LedgerInstance instance() {
        return sources.instance();
    }
}
