package io.usagebridge.targets.insights;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.usagebridge.targets.insights.ledger.InsightsBatchLedger;
import io.usagebridge.targets.insights.ledger.InsightsBatchRow;
import io.usagebridge.targets.insights.ledger.InsightsBatchState;

/**
 * An operator's re-run of a failed Insights batch (incomplete at its deadline, a record type refused): its folder goes
 * from failed/ back to {@code <inbox>/insights/<data source>/<batch>/}, as a replay by hand. The next scan sees it
 * again with a new deadline and the batch's own batchDate; record types added to the folder meanwhile count.
 */
public final class InsightsBatchRerun {

    private final InsightsBatchLedger batches;
    private final Path insightsInbox;

    public InsightsBatchRerun(InsightsBatchLedger batches, Path insightsInbox) {
        this.batches = batches;
        this.insightsInbox = insightsInbox;
    }

    public InsightsBatchLedger batches() {
        return batches;
    }

    /** True when the batch failed and its folder waits in failed/. */
    public static boolean rerunnable(InsightsBatchRow batch) {
        return batch.state() == InsightsBatchState.FAILED && batch.finished() && batch.outcomePath() != null;
    }

    /**
     * Moves the batch's folder back into the inbox.
     *
     * @return where it is now
     * @throws IllegalStateException when the batch is not a failed, finished one
     * @throws IOException when the folder is gone, or one of its name already waits in the inbox
     */
    public Path rerun(InsightsBatchRow batch) throws IOException {
        if (!rerunnable(batch)) {
            throw new IllegalStateException("insights batch " + batch.relativeName() + " is " + batch.state()
                    + (batch.finished() ? "" : ", still in the inbox") + ": only a failed batch is re-run");
        }
        Path from = Path.of(batch.outcomePath());
        if (!Files.isDirectory(from)) {
            throw new IOException("the folder of batch " + batch.relativeName() + " is no longer at " + from);
        }
        Path to = insightsInbox.resolve(batch.dataSource()).resolve(batch.batchName()).toAbsolutePath();
        if (Files.exists(to)) {
            throw new FileAlreadyExistsException(to.toString(), null, "a batch of this name waits in the inbox");
        }
        Files.createDirectories(to.getParent());
        return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }
}
