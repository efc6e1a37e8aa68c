package io.usagebridge.poll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.deadletter.ErrorSidecarWriter;
import io.usagebridge.deadletter.SourceFailures;
import io.usagebridge.intake.OriginalMover;
import io.usagebridge.intake.RunSummary;
import io.usagebridge.intake.WorkDirs;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceState;
import io.usagebridge.metrics.UsageBridgeMetrics;
import io.usagebridge.reconcile.RejectedRows;
import io.usagebridge.reconcile.RowVerdicts;

/**
 * Moves on the originals that wait for their deliveries: from inflight/ to done/ or failed/ once every retry and
 * remote job is final, to failed/ (with the resolve hint) when a send is left uncertain, and from failed/ to done/
 * once an uncertain send was resolved as delivered. Each source is taken under a lease, so one instance moves it;
 * an original this instance cannot reach is left for one that can.
 */
public final class WaitingSourceFinaliser implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingSourceFinaliser.class);
    private static final int BATCH = 100;

    private final Ledger ledger;
    private final ErrorSidecarWriter sidecars;
    private final RunSummary summary;
    private final WorkDirs workDirs;
    private final OriginalMover mover;
    private final UsageBridgeMetrics metrics;
    private final RejectedRows rejectedRows;

    public WaitingSourceFinaliser(Ledger ledger, ErrorSidecarWriter sidecars, RunSummary summary,
                                  WorkDirs workDirs, OriginalMover mover, UsageBridgeMetrics metrics,
                                  RejectedRows rejectedRows) {
        this.ledger = ledger;
        this.sidecars = sidecars;
        this.summary = summary;
        this.workDirs = workDirs;
        this.mover = mover;
        this.metrics = metrics;
        this.rejectedRows = rejectedRows;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        recordMovesMadeUnrecorded();
        for (SourceRow source : ledger.sources().waitingSources(BATCH)) {
            SourceState outcome = ledger.sources().currentOutcome(source.id());
            // pending stays pending; an uncertain one resent waits in failed/ until its send is final
            if (outcome == source.state() || outcome == SourceState.PENDING || !mover.reachable(source)
                    || !ledger.sources().takeWaitingSource(source.id())) {
                continue;
            }
            try {
                finish(ledger.sources().source(source.id()).orElseThrow(), outcome);
            } catch (IOException | RuntimeException e) {
                ledger.sources().releaseWaitingSource(source.id());
                LOG.warn("{}: its original could not be moved on yet ({}); trying again later", source.name(),
                        e.getMessage());
            }
        }
    }

    /**
     * A stop between the intake's move of an original and its record leaves the file where the ledger says it goes,
     * but not known to be there: found there (a local file), the move is recorded and the file waits as any other.
     * One still in the inbox is left to its next intake. (A remote original is not looked for.)
     */
    private void recordMovesMadeUnrecorded() {
        for (SourceRow source : ledger.sources().unrecordedMoves(BATCH)) {
            if (OriginalMover.isLocal(source.keptAt()) && Files.isRegularFile(Path.of(source.keptAt()))
                    && ledger.sources().recordMadeMove(source.id())) {
                LOG.info("{}: its original was moved to {} but the move was not recorded (the app stopped between "
                        + "the two): recorded now", source.name(), source.keptAt());
            }
        }
    }

    private void finish(SourceRow source, SourceState outcome) throws IOException {
        List<DeliveryRow> deliveries = ledger.deliveries().deliveriesOf(source.id());
        Map<Long, RowVerdicts> verdicts = rejectedRows.verdicts(deliveries, d -> ResultFiles.find(source, d));
        boolean alreadyInFailed = source.state() == SourceState.UNCERTAIN;
        String keptAt = source.keptAt();
        if (outcome.delivered() || !alreadyInFailed) {
            keptAt = mover.move(source, outcome.delivered() ? source.doneDir() : source.failedDir());
        }
        String keptAs = Path.of(keptAt).getFileName().toString();
        keepResults(source, deliveries, keptAt);
        Optional<RejectedRows.Kept> rejected = rejectedRows.keep(source, deliveries, verdicts, keptAt,
                ResultFiles.besideOriginal(source, keptAt, RejectedRows.SUFFIX));
        Path sidecarDir = Path.of(source.sidecarDir());
        if (outcome.delivered()) {
            // its own sidecar (it waited in failed/), or that of an earlier failure of this file, now replayed
            if (alreadyInFailed) {
                sidecars.deleteBeside(sidecarDir, source.name(), Path.of(source.keptAt()).getFileName().toString());
            } else if (Path.of(source.failedDir()).isAbsolute()
                    && !Files.exists(Path.of(source.failedDir()).resolve(source.name()))) {
                sidecars.deleteBeside(sidecarDir, source.name(), Path.of(source.name()).getFileName().toString());
            }
        } else {
            sidecars.writeBeside(sidecarDir, source.name(), keptAs, source.id(),
                    SourceFailures.of(source, deliveries, List.of()));
        }
        ledger.sources().moveWaitingSource(source.id(), outcome, keptAt, rejected.map(RejectedRows.Kept::rows)
                .orElse(null), rejected.map(RejectedRows.Kept::path).orElse(null));
        if (outcome == SourceState.FAILED) {
            metrics.fileFailed();
        } else if (outcome == SourceState.DONE_WITH_REJECTS) {
            metrics.fileDoneWithRejects();
        }
        RejectedRows.notBilledByTarget(deliveries, verdicts).forEach(metrics::rowsRejected);
        if (!outcome.waiting()) {
            workDirs.deleteUnlessInUse(WorkDirs.ofWorkCopy(source.workPath()));
        }
        summary.add(source.id(), source.name(), outcome.name(), RunSummary.finalDeliveries(deliveries)
                + rejected.map(r -> "; " + r.rows() + " row(s) not billed" + (r.path() == null ? ""
                        : " in " + Path.of(r.path()).getFileName())).orElse(""));
        LOG.info("{}: {} after waiting for its deliveries -> {}", source.name(), outcome, keptAt);
    }

    /** Each target's result file goes beside the original (remote originals: beside their local sidecars). */
    private static void keepResults(SourceRow source, List<DeliveryRow> deliveries, String keptAt) throws IOException {
        for (DeliveryRow d : deliveries) {
            if (d.resultPath() != null && Files.exists(Path.of(d.resultPath()))) {
                Path to = ResultFiles.besideOriginal(source, keptAt, d);
                Files.createDirectories(to.getParent());
                // a source named near 255 bytes would otherwise never finish: "File name too long" at every try
                Files.move(Path.of(d.resultPath()), to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
