package io.usagebridge.ledger;

import java.time.Instant;

/** One delivery as the ledger holds it. */
public record DeliveryRow(long id, long sourceId, String contentSha256, String target, int chunkNo,
                          int chunkCount, String chunkMd5, Long chunkBytes, Long chunkRows,
                          DeliveryState state, String remoteId, String remoteStatus, String remoteResponse,
                          String errorCode, String errorMessage, Boolean retryable, int attempts,
                          Instant createdAt, Instant updatedAt, int polls, Instant nextPollAt,
                          Instant pollDeadline, Long remoteTotal, Long remoteImported, Long remoteFailed,
                          String resultPath) {
}
