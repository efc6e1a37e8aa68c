package io.usagebridge.alerts.ledger;

/** Where one alert is: waiting to be sent (first time or after a failed attempt), sent, or given up. */
public enum AlertState {
    PENDING,
    SENT,
    /** The receiver refused it for good (a 4xx other than 408/429) or every attempt failed. Logged, kept. */
    GAVE_UP
}
