package io.usagebridge.app.api;

import java.time.Instant;

import io.usagebridge.ledger.AttemptRow;

/** One try at a send: when, how it ended, the target's HTTP status and reply (cut). */
public record AttemptView(int attemptNo, Instant startedAt, Instant finishedAt, String outcome, Integer httpStatus,
                          String errorCode, String reply) {

    static AttemptView of(AttemptRow a) {
        return new AttemptView(a.attemptNo(), a.startedAt(), a.finishedAt(), a.outcome(), a.httpStatus(),
                a.errorCode(), a.responseExcerpt());
    }
}
