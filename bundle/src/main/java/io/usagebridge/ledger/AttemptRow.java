package io.usagebridge.ledger;

import java.time.Instant;

/** One try at sending a delivery. */
public record AttemptRow(long deliveryId, int attemptNo, Instant startedAt, Instant finishedAt, String outcome,
                         Integer httpStatus, String errorCode, String responseExcerpt) {
}
