package io.usagebridge.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.LocalFileNames;
import io.usagebridge.deadletter.ErrorSidecarWriter;
import io.usagebridge.deadletter.FailureLog;
import io.usagebridge.deadletter.FailureRecord;
import io.usagebridge.deadletter.SourceFailures;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.ledger.OriginalPlaces;
import io.usagebridge.ledger.SourceState;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * Decides where the original goes once every delivery of it was tried: done/, failed/ (with its error sidecar),
 * duplicate/, inflight/ while a retry is parked or a target still processes it, or failed/ while a send awaits
 * resolution. The intake endpoint moves it there on commit, reading {@link ExchangeKeys#MOVE_TO}; the waiting ones
 * are moved on later by {@link io.usagebridge.poll.WaitingSourceFinaliser}.
 */
public final class SourceFinaliser implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(SourceFinaliser.class);

    private final Ledger ledger;
    private final ErrorSidecarWriter sidecars;
    private final RunSummary summary;
    private final WorkDirs workDirs;
    private final UsageBridgeMetrics metrics;

    public SourceFinaliser(Ledger ledger, ErrorSidecarWriter sidecars, RunSummary summary,
                           WorkDirs workDirs, UsageBridgeMetrics metrics) {
        this.ledger = ledger;
        this.sidecars = sidecars;
        this.summary = summary;
        this.workDirs = workDirs;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String name = exchange.getProperty(ExchangeKeys.SOURCE_NAME, String.class);
        Long sourceId = exchange.getProperty(ExchangeKeys.SOURCE_ID, Long.class);
        FailureLog failures = exchange.getProperty(ExchangeKeys.FAILURES, FailureLog.class);
        List<FailureRecord> seen = failures == null ? List.of() : failures.all();
        boolean local = exchange.getProperty(ExchangeKeys.LOCAL_OUTCOME, false, Boolean.class);
        String doneDir = folder(exchange, ExchangeKeys.DONE_DIR, local);
        String failedDir = folder(exchange, ExchangeKeys.FAILED_DIR, local);
        String sidecarDir = exchange.getProperty(ExchangeKeys.SIDECAR_DIR, failedDir, String.class);
        OriginalPlaces places = new OriginalPlaces(freeName(doneDir, name, sourceId),
                freeName(failedDir, name, sourceId),
                freeName(folder(exchange, ExchangeKeys.DUPLICATE_DIR, local), name, sourceId),
                freeName(folder(exchange, ExchangeKeys.INFLIGHT_DIR, local), name, sourceId), doneDir, failedDir,
                sidecarDir);
        SourceState outcome = sourceId == null ? SourceState.FAILED
                : ledger.sources().settleSource(sourceId, !seen.isEmpty(), places);
        String moveTo = places.forOutcome(outcome);
        exchange.setProperty(ExchangeKeys.OUTCOME, outcome.folderName());
        exchange.setProperty(ExchangeKeys.MOVE_TO, moveTo);
        if (sourceId != null) {
            // the intake endpoint moves the file on commit, after this route: only then is the outcome in place
            exchange.getExchangeExtension().addOnCompletion(new MoveConfirmation(ledger.sources(), sourceId));
        }
        String keptAs = Path.of(moveTo).getFileName().toString();
        if (outcome == SourceState.FAILED) {
            metrics.fileFailed();
        }
        if (outcome == SourceState.FAILED || outcome == SourceState.UNCERTAIN) {
            List<FailureRecord> all = sourceId == null ? seen : SourceFailures.of(ledger.sources().source(sourceId)
                    .orElseThrow(), ledger.deliveries().deliveriesOf(sourceId), seen);
            if (!all.isEmpty()) {
                sidecars.writeBeside(Path.of(sidecarDir), name, keptAs, sourceId, all);
            }
        } else if (outcome == SourceState.DONE && local && !Files.exists(Path.of(failedDir).resolve(name))) {
            // a replay from failed/ that succeeded: the sidecar of its earlier failure no longer tells the truth
            sidecars.deleteBeside(Path.of(sidecarDir), name, Path.of(name).getFileName().toString());
        }
        String detail = detail(sourceId, seen);
        summary.add(sourceId, name, outcome.name(), detail);
        LOG.info("{}: {} -> {} ({})", name, outcome, moveTo, detail);
        if (!outcome.waiting()) {
            workDirs.deleteUnlessInUse(exchange.getProperty(ExchangeKeys.WORK_DIR, Path.class));
        }
    }

    private String detail(Long sourceId, List<FailureRecord> failures) {
        if (sourceId == null) {
            return "not recorded";
        }
        String delivered = RunSummary.deliveries(ledger.deliveries().deliveriesOf(sourceId));
        String failed = failures.stream().map(FailureRecord::code).distinct().collect(Collectors.joining(", "));
        return (delivered.isEmpty() ? "nothing new sent" : delivered) + (failed.isEmpty() ? "" : "; " + failed);
    }

    /** An outcome folder from the intake; local ones absolute, since the file endpoint resolves relative moves per file. */
    private static String folder(Exchange exchange, String key, boolean local) {
        String dir = exchange.getProperty(key, String.class);
        if (dir == null) {
            throw new IllegalStateException("the intake route does not set " + key);
        }
        return local ? Path.of(dir).toAbsolutePath().toString() : dir;
    }

    /**
     * A file of the same name already kept there is never overwritten (the file endpoint's move would replace it):
     * the source id makes the name unique. A remote folder (SFTP) cannot be looked into from here, so there every
     * kept name carries the source id.
     */
    static String freeName(String dir, String name, Long sourceId) {
        Path dirPath = Path.of(dir);
        Path candidate = dirPath.resolve(name);
        if (sourceId != null && (!dirPath.isAbsolute() || Files.exists(candidate))) {
            String file = candidate.getFileName().toString();
            int dot = file.lastIndexOf('.');
            String unique = dot > 0 ? LocalFileNames.fit(file.substring(0, dot), "." + sourceId + file.substring(dot))
                    : LocalFileNames.fit(file, "." + sourceId);
            candidate = candidate.resolveSibling(unique);
        }
        return candidate.toString();
    }
}
