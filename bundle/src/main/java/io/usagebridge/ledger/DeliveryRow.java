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

    /**
     * The target refused rows of it on its own, after taking the request: records of an accepted job (a mass action's
     * failed ones), or a remote job that failed (a usage import is all or nothing). Their rows go to the source's
     * rejected-rows file.
     */
    public boolean rowsRefusedRemotely() {
        return state == DeliveryState.ACCEPTED && remoteFailed != null && remoteFailed > 0
                || state == DeliveryState.REJECTED && "REMOTE_JOB_FAILED".equals(errorCode);
    }
}
