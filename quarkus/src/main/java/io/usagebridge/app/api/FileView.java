package io.usagebridge.app.api;

import java.time.Instant;
import java.util.List;

import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.TargetStates;

/**
 * One source file in a list: what it is ({@code lines} counts its header too), where it stands, its state at each
 * target, the later intake of the same bytes (a replay) that carried its unfinished deliveries on, if any, and the
 * rows its targets refused in their jobs (null: none).
 */
public record FileView(long id, String name, String state, Instant receivedAt, Instant finishedAt, long bytes,
                       long lines, String sha256, String md5, String errorCode, String errorMessage, Long duplicateOf,
                       List<TargetStates> targets, Long laterIntake, Long rowsRejected) {

    static FileView of(SourceRow s, List<TargetStates> targets, Long laterIntake) {
        return new FileView(s.id(), s.name(), s.state().name(), s.receivedAt(), s.finishedAt(), s.bytes(), s.rows(),
                s.sha256(), s.md5(), s.errorCode(), s.errorMessage(), s.duplicateOf(),
                targets == null ? List.of() : targets, laterIntake, s.rowsRejected());
    }
}
