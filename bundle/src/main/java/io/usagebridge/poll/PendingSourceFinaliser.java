package io.usagebridge.poll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.deadletter.ErrorSidecarWriter;
import io.usagebridge.deadletter.FailureRecord;
import io.usagebridge.intake.RunSummary;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.LedgerRepository;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceState;

/**
 * Finishes source files whose remote jobs all reached a final status: the original moves from the inflight
 * folder to done/ or failed/, each target's result file is kept beside it, and a failed one gets its sidecar.
 */
public final class PendingSourceFinaliser implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PendingSourceFinaliser.class);

    private final LedgerRepository ledger;
    private final ErrorSidecarWriter sidecars;
    private final RunSummary summary;

    public PendingSourceFinaliser(LedgerRepository ledger, ErrorSidecarWriter sidecars, RunSummary summary) {
        this.ledger = ledger;
        this.sidecars = sidecars;
        this.summary = summary;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        for (SourceRow source : ledger.pendingSourcesSettled()) {
            finish(source);
        }
    }

    private void finish(SourceRow source) throws IOException {
        List<DeliveryRow> deliveries = ledger.deliveriesOf(source.id());
        boolean failed = source.errorCode() != null
                || deliveries.stream().anyMatch(d -> d.state() != DeliveryState.ACCEPTED);
        SourceState outcome = failed ? SourceState.FAILED : SourceState.DONE;
        Path kept = Path.of(source.keptAt());
        Path dir = Path.of(failed ? source.failedDir() : source.doneDir());
        Path relativeDir = Path.of(source.name()).getParent();
        Path outcomeDir = relativeDir == null ? dir : dir.resolve(relativeDir);
        String keptAs = kept.getFileName().toString();
        if (kept.isAbsolute() && Files.exists(kept)) {
            Files.createDirectories(outcomeDir);
            Files.move(kept, outcomeDir.resolve(keptAs), StandardCopyOption.ATOMIC_MOVE);
        } else {
            // a remote original (SFTP) stays in the server's inflight folder; its sidecars and results are local
            LOG.warn("{}: original stays at {} (not a local file); outcome {}", source.name(), kept, outcome);
        }
        Path resultDir = kept.isAbsolute() ? outcomeDir : Path.of(source.sidecarDir());
        for (DeliveryRow d : deliveries) {
            if (d.resultPath() != null && Files.exists(Path.of(d.resultPath()))) {
                String suffix = d.chunkCount() > 1 ? "-chunk-" + d.chunkNo() : "";
                Files.createDirectories(resultDir);
                Files.move(Path.of(d.resultPath()), resultDir.resolve(keptAs + "." + d.target() + suffix
                        + "-result.zip"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (failed) {
            sidecars.writeBeside(Path.of(source.sidecarDir()), source.name(), keptAs, source.id(), failures(source,
                    deliveries));
        }
        ledger.finishPending(source.id(), outcome);
        summary.add(source.name(), outcome.name(), deliveries.size() + " deliveries followed to their final status");
        LOG.info("{}: {} after remote processing -> {}", source.name(), outcome, outcomeDir.resolve(keptAs));
    }

    private static List<FailureRecord> failures(SourceRow source, List<DeliveryRow> deliveries) {
        List<FailureRecord> failures = new ArrayList<>();
        if (source.errorCode() != null) {
            failures.add(new FailureRecord(source.errorCode(), source.errorMessage(), "validate", null, null, null, 0,
                    false, null, String.valueOf(source.finishedAt())));
        }
        for (DeliveryRow d : deliveries) {
            if (d.state() != DeliveryState.ACCEPTED) {
                failures.add(new FailureRecord(String.valueOf(d.errorCode()), d.errorMessage(), "poll", d.target(),
                        d.id(), d.chunkNo(), d.attempts(), Boolean.TRUE.equals(d.retryable()), d.remoteResponse(),
                        String.valueOf(d.updatedAt())));
            }
        }
        return failures;
    }
}
