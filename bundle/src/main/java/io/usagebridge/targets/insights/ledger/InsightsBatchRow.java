package io.usagebridge.targets.insights.ledger;

import java.time.Instant;

/** One Zuora Insights batch as the ledger holds it. */
public record InsightsBatchRow(long id, String target, String dataSource, String batchName, InsightsBatchState state,
                               String batchDate, String claimedBy, Instant firstSeenAt, Instant deadline,
                               String errorCode, String errorMessage, String outcomePath, Instant updatedAt,
                               Instant finishedAt) {

    /** The folder below the inbox's Insights folder: {@code <data source>/<batch>}. */
    public String relativeName() {
        return dataSource + "/" + batchName;
    }

    public boolean finished() {
        return finishedAt != null;
    }
}
