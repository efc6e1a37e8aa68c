package io.usagebridge.ledger;

import java.time.Instant;

/** One delivery as the ledger holds it. {@code claimedBy} is the token of the lease holder, if any. */
public record DeliveryRow(long id, long sourceId, String contentSha256, String target, int chunkNo,
                          int chunkCount, String chunkMd5, Long chunkBytes, Long chunkRows,
                          DeliveryState state, String remoteId, String remoteStatus, String remoteResponse,
                          String errorCode, String errorMessage, Boolean retryable, int attempts,
                          Instant createdAt, Instant updatedAt, int polls, Instant nextPollAt,
                          Instant pollDeadline, Long remoteTotal, Long remoteImported, Long remoteFailed,
                          String resultPath, String claimedBy, Instant leaseUntil, Instant nextAttemptAt,
                          int keyGeneration, String chunkPath, String sentName, Instant uncertainSince, int lookups,
                          int parks,
                          String resolution, String resolvedBy, Instant resolvedAt) {

    /** True when a lease is held on it and has not run out at {@code now}. */
    public boolean leaseLive(Instant now) {
        return claimedBy != null && leaseUntil != null && leaseUntil.isAfter(now);
    }
}
