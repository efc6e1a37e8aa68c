package io.usagebridge.ledger;

import java.time.Instant;

/** One source file as the ledger holds it. */
public record SourceRow(long id, String name, String origin, String workPath, String sha256, String md5,
                        long bytes, long rows, SourceState state, Long duplicateOf, String errorCode,
                        String errorMessage, Instant receivedAt, Instant finishedAt, String keptAt, String doneDir,
                        String failedDir, String sidecarDir, String instanceLabel, String leaseOwner,
                        Instant leaseUntil, String intakeRoute, Long supersededBy, boolean moved) {

    /** True when a lease is held on it and has not run out at {@code now}. */
    public boolean leaseLive(Instant now) {
        return leaseOwner != null && leaseUntil != null && leaseUntil.isAfter(now);
    }
}
