package io.usagebridge.app.api;

import java.time.Instant;
import java.util.List;

import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.TargetStates;

/** One source file in a list: what it is, where it stands, and its state at each target. */
public record FileView(long id, String name, String state, Instant receivedAt, Instant finishedAt, long bytes,
                       long rows, String sha256, String md5, String errorCode, String errorMessage, Long duplicateOf,
                       List<TargetStates> targets) {

    static FileView of(SourceRow s, List<TargetStates> targets) {
        return new FileView(s.id(), s.name(), s.state().name(), s.receivedAt(), s.finishedAt(), s.bytes(), s.rows(),
                s.sha256(), s.md5(), s.errorCode(), s.errorMessage(), s.duplicateOf(),
                targets == null ? List.of() : targets);
    }
}
