package io.usagebridge.app.api;

import java.time.Instant;

import io.usagebridge.targets.insights.InsightsBatchRerun;
import io.usagebridge.targets.insights.ledger.InsightsBatchRow;

/** One Insights batch as the console lists it (the lease token it may be held under is the app's own business). */
public record InsightsBatchView(long id, String target, String dataSource, String batchName, String state,
                                String batchDate, Instant firstSeenAt, Instant deadline, String errorCode,
                                String errorMessage, String outcomePath, Instant finishedAt, boolean canRerun) {

    static InsightsBatchView of(InsightsBatchRow b) {
        return new InsightsBatchView(b.id(), b.target(), b.dataSource(), b.batchName(), b.state().name(),
                b.batchDate(), b.firstSeenAt(), b.deadline(), b.errorCode(), b.errorMessage(), b.outcomePath(),
                b.finishedAt(), InsightsBatchRerun.rerunnable(b));
    }
}
