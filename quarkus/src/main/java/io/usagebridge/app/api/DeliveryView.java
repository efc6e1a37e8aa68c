package io.usagebridge.app.api;

import java.time.Instant;
import java.util.List;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;

/**
 * One delivery of a file's journey (one chunk to one target): what was sent (hash, size, rows, the name the target
 * saw), what the target answered (remote id and status, its counts, its reply), each attempt, and the actions it
 * allows now.
 *
 * @param result    the target's result file to download, when one was kept
 * @param canResolve it is UNCERTAIN: an operator may resolve it as delivered or resend
 * @param canStop   it is a Zuora mass action still running: it may be stopped
 */
public record DeliveryView(long id, String target, String targetType, int chunkNo, int chunkCount, String state,
                           String chunkMd5, Long chunkBytes, Long chunkRows, String sentName, int keyGeneration,
                           String remoteId, String remoteStatus, String remoteReply, Long remoteTotal,
                           Long remoteImported, Long remoteFailed, String errorCode, String errorMessage,
                           Boolean retryable, int attempts, Instant createdAt, Instant updatedAt,
                           Instant nextAttemptAt, Instant uncertainSince, String resolution, String resolvedBy,
                           Instant resolvedAt, String result, boolean canResolve, boolean canStop,
                           List<AttemptView> attemptLog) {

    static DeliveryView of(DeliveryRow d, String targetType, String result, boolean canStop,
                           List<AttemptView> attempts) {
        return new DeliveryView(d.id(), d.target(), targetType, d.chunkNo(), d.chunkCount(), d.state().name(),
                d.chunkMd5(), d.chunkBytes(), d.chunkRows(), d.sentName(), d.keyGeneration(), d.remoteId(),
                d.remoteStatus(), d.remoteResponse(), d.remoteTotal(), d.remoteImported(), d.remoteFailed(),
                d.errorCode(), d.errorMessage(), d.retryable(), d.attempts(), d.createdAt(), d.updatedAt(),
                d.nextAttemptAt(), d.uncertainSince(), d.resolution(), d.resolvedBy(), d.resolvedAt(), result,
                d.state() == DeliveryState.UNCERTAIN, canStop, attempts);
    }
}
