package io.usagebridge.alerts.ledger;

import java.time.Instant;

/** One alert as the ledger holds it. {@code payload} is the JSON body sent; {@code claimedBy} the lease holder. */
public record AlertRow(long id, String kind, String subject, Long sourceId, Long deliveryId, String payload,
                       AlertState state, int attempts, Instant nextAttemptAt, String claimedBy, Instant leaseUntil,
                       String lastError, Instant createdAt, Instant sentAt) {
}
