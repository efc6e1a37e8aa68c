package io.usagebridge.alerts.ledger;

import java.time.Instant;

/**
 * One alert as one channel sends it: the alert ({@code id}, kind, subject, the JSON {@code payload}) and that
 * channel's state, attempts and lease ({@code claimedBy} the holder).
 */
public record AlertRow(long id, String kind, String subject, Long sourceId, Long deliveryId, String payload,
                       AlertChannel channel, AlertState state, int attempts, Instant nextAttemptAt, String claimedBy,
                       Instant leaseUntil, String lastError, Instant createdAt, Instant sentAt) {
}
