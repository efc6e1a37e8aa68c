package io.usagebridge.alerts.ledger;

import java.util.Locale;

/** Where an alert is sent; each channel sends each alert once, with its own attempts ({@code alert_send}). */
public enum AlertChannel {
    WEBHOOK,
    MAIL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
