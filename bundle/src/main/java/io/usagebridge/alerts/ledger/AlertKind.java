package io.usagebridge.alerts.ledger;

import java.util.Locale;

/** What an alert is about; its wire name is the webhook's {@code X-UsageBridge-Event} and the body's {@code kind}. */
public enum AlertKind {
    /** A source file ended FAILED: its original is in failed/ with its .error.json. */
    FILE_FAILED,
    /** A file a schedule expects did not arrive by its deadline (alerts.schedules.*). */
    FILE_MISSED,
    /** A delivery may have arrived with no answer: it waits for a lookup or an operator's resolution. */
    DELIVERY_UNCERTAIN,
    /** A target processed a delivery and refused some of its rows (its failed count, e.g. a Zuora Import's). */
    ROWS_REJECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AlertKind ofWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
