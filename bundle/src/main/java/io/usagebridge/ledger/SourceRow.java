package io.usagebridge.ledger;

import java.time.Instant;

import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** One source file as the ledger holds it. */
public record SourceRow(long id, String name, String origin, String workPath, String sha256, String md5,
                        long bytes, @ColumnName("row_count") long rows, SourceState state, Long duplicateOf,
                        String errorCode, String errorMessage, Instant receivedAt, Instant finishedAt, String keptAt,
                        String doneDir, String failedDir, String sidecarDir,
                        @ColumnName("node_id") String instanceLabel, String leaseOwner, Instant leaseUntil,
                        String intakeRoute, Long supersededBy, boolean moved, Long rowsRejected,
                        String rejectedPath) {

    /** True when a lease is held on it and has not run out at {@code now}. */
    public boolean leaseLive(Instant now) {
        return leaseOwner != null && leaseUntil != null && leaseUntil.isAfter(now);
    }
}
