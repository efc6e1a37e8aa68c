package io.usagebridge.targets.insights;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.deadletter.ErrorSidecarWriter;
import io.usagebridge.deadletter.FailureRecord;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.intake.IntakePollMonitor;
import io.usagebridge.intake.RunSummary;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.targets.insights.ledger.InsightsBatchLedger;
import io.usagebridge.targets.insights.ledger.InsightsBatchRow;
import io.usagebridge.targets.insights.ledger.InsightsBatchState;
import io.usagebridge.targets.insights.ledger.InsightsRecordRow;

/**
 * Ends each scan: for every batch handled in it, decides from the ledger whether it is finished (every record type
 * stored: UPLOADED; a record type or the batch failed: FAILED) and moves its folder whole to done/, failed/ (with
 * {@code <batch>.error.json} beside it) or, for a batch uploaded before, duplicate/. A batch still in progress (an
 * unexpected error cut it short) stays claimed and is resumed by the next scan.
 */
public final class InsightsBatchFinaliser implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InsightsBatchFinaliser.class);

    private final Map<String, InsightsTargetSettings> targets;
    private final Ledger ledger;
    private final InsightsBatchLedger batches;
    private final ErrorSidecarWriter sidecars;
    private final RunSummary summary;
    private final String insightsFolder;
    private final Path doneDir;
    private final Path failedDir;
    private final Path duplicateDir;
    private final Clock clock;
    private final IntakePollMonitor polls;

    public InsightsBatchFinaliser(Map<String, InsightsTargetSettings> targets, Ledger ledger,
                                  InsightsBatchLedger batches, ErrorSidecarWriter sidecars, RunSummary summary,
                                  String insightsFolder, Path doneDir, Path failedDir, Path duplicateDir, Clock clock,
                                  IntakePollMonitor polls) {
        this.targets = targets;
        this.ledger = ledger;
        this.batches = batches;
        this.sidecars = sidecars;
        this.summary = summary;
        this.insightsFolder = insightsFolder;
        this.doneDir = doneDir;
        this.failedDir = failedDir;
        this.duplicateDir = duplicateDir;
        this.clock = clock;
        this.polls = polls;
    }

    @Override
    public void process(Exchange exchange) {
        List<?> handled = exchange.getMessage().getBody(List.class);
        if (handled == null) {
            handled = List.of();
        }
        for (Object item : handled) {
            if (item instanceof BatchFolder batch) {
                try {
                    finish(batch);
                } catch (IOException | RuntimeException e) {
                    // the folder stays where it is; the next scan tries again
                    LOG.warn("{}: could not be finished: {}", batch.displayName(insightsFolder), e.toString());
                }
            }
        }
        InsightsBatchCollector.scanEnded(polls, exchange, handled.size());
    }

    private void finish(BatchFolder batch) throws IOException {
        String display = batch.displayName(insightsFolder);
        if (!Files.isDirectory(batch.dir())) {
            return;
        }
        if (batch.kind() == BatchFolder.Kind.DUPLICATE) {
            Path moved = move(batch, duplicateDir);
            summary.add(display, "DUPLICATE", "uploaded before; nothing sent");
            LOG.info("{}: DUPLICATE -> {}", display, moved);
            return;
        }
        Optional<InsightsBatchRow> found = batches.batch(batch.batchId());
        if (found.isEmpty()) {
            return;
        }
        InsightsBatchRow row = found.get();
        List<Outcome> outcomes = outcomes(batch, row);
        if (row.state() == InsightsBatchState.CLAIMED) {
            if (!batches.unheld(row.id())) {
                return; // another instance works on it now
            }
            Optional<Outcome> failed = outcomes.stream().filter(Outcome::failed).findFirst();
            if (failed.isPresent()) {
                batches.settle(row.id(), InsightsBatchState.FAILED, InsightsFailureCode.named(failed.get().code()),
                        "batch " + display + " is not complete at Insights: record type " + failed.get().recordType()
                        + " failed: " + failed.get().message());
            } else if (outcomes.stream().allMatch(Outcome::stored)) {
                batches.settle(row.id(), InsightsBatchState.UPLOADED, null, null);
            } else {
                LOG.info("{}: still in progress, resumed by the next scan", display);
                return;
            }
            row = batches.batch(row.id()).orElseThrow();
        }
        if (!row.state().settled() || row.finished()) {
            return;
        }
        boolean uploaded = row.state() == InsightsBatchState.UPLOADED;
        Path moved = move(batch, uploaded ? doneDir : failedDir);
        for (Outcome outcome : outcomes) {
            if (outcome.sourceId() != null) {
                ledger.sources().settlePart(outcome.sourceId(), !uploaded);
            }
        }
        if (!uploaded) {
            sidecars.write(moved.resolveSibling(moved.getFileName() + ".error.json"), display, null,
                    failures(row, outcomes), replayHint(row, display));
        }
        batches.finish(row.id(), moved.toString());
        String detail = outcomes.stream().filter(Outcome::stored).count() + "/" + outcomes.size()
                + " record types stored" + (row.batchDate() == null ? "" : " with batchDate " + row.batchDate())
                + (uploaded ? "" : "; " + row.errorCode());
        summary.add(display, uploaded ? "DONE" : "FAILED", detail);
        LOG.info("{}: {} -> {} ({})", display, uploaded ? "UPLOADED" : "FAILED", moved, detail);
    }

    /** What became of each record type of the batch's data source, in configuration order. */
    private List<Outcome> outcomes(BatchFolder batch, InsightsBatchRow row) {
        List<InsightsRecordRow> records = batches.records(row.id());
        List<Outcome> outcomes = new ArrayList<>();
        for (String type : targets.get(batch.target()).dataSources().get(batch.dataSource()).recordTypes()) {
            InsightsRecordRow record = records.stream().filter(r -> r.recordType().equals(type)).findFirst()
                    .orElse(null);
            Optional<SourceRow> source = record == null || record.sourceId() == null ? Optional.empty()
                    : ledger.sources().source(record.sourceId());
            Optional<DeliveryRow> delivery = record == null || record.deliveryId() == null ? Optional.empty()
                    : ledger.deliveries().delivery(record.deliveryId());
            Long sourceId = source.map(SourceRow::id).orElse(null);
            if (source.isPresent() && source.get().errorCode() != null) {
                outcomes.add(new Outcome(type, sourceId, null, source.get().errorCode(), source.get().errorMessage(),
                        "validate", 0, false, null));
            } else if (delivery.isPresent() && delivery.get().state() == DeliveryState.ACCEPTED) {
                outcomes.add(new Outcome(type, sourceId, delivery.get(), null, null, "send", 0, false, null));
            } else if (delivery.isPresent() && delivery.get().state().settled()) {
                DeliveryRow d = delivery.get();
                outcomes.add(new Outcome(type, sourceId, d, String.valueOf(d.errorCode()), d.errorMessage(), "send",
                        d.attempts(), Boolean.TRUE.equals(d.retryable()), d.remoteResponse()));
            } else {
                outcomes.add(new Outcome(type, sourceId, delivery.orElse(null), null, null, null, 0, false, null));
            }
        }
        return outcomes;
    }

    private List<FailureRecord> failures(InsightsBatchRow row, List<Outcome> outcomes) {
        List<FailureRecord> failures = new ArrayList<>();
        String now = clock.instant().toString();
        failures.add(new FailureRecord(row.errorCode(), row.errorMessage(), "batch", row.target(), null, null, 0,
                false, null, now));
        for (Outcome o : outcomes) {
            if (o.failed()) {
                failures.add(new FailureRecord(o.code(), o.recordType() + ": " + o.message(), o.stage(), row.target(),
                        o.delivery() == null ? null : o.delivery().id(), null, o.attempts(), o.retryable(),
                        o.targetReply(), now));
            }
        }
        return failures;
    }

    private String replayHint(InsightsBatchRow row, String display) {
        String folder = display.substring(0, display.lastIndexOf('/') + 1);
        return "fix the cause, then move the folder " + row.batchName() + " back into the inbox's " + folder
                + ": record types already stored are not sent again"
                + (row.batchDate() == null ? "" : ", the others go with the batch's batchDate " + row.batchDate()
                + " so the batch completes");
    }

    /** Moves the folder whole to {@code <outcome>/insights/<dataSource>/<batch>}, never over an existing one. */
    private Path move(BatchFolder batch, Path outcomeRoot) throws IOException {
        Path parent = outcomeRoot.toAbsolutePath().resolve(insightsFolder).resolve(batch.dataSource());
        Files.createDirectories(parent);
        Path target = parent.resolve(batch.name());
        if (Files.exists(target)) {
            target = parent.resolve(batch.name() + "." + batch.batchId());
        }
        if (Files.exists(target)) {
            target = parent.resolve(batch.name() + "." + batch.batchId() + "." + clock.millis());
        }
        try {
            return Files.move(batch.dir(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | DirectoryNotEmptyException otherFileSystem) {
            copyTree(batch.dir(), target);
            deleteTree(batch.dir());
            return target;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private record Outcome(String recordType, Long sourceId, DeliveryRow delivery, String code, String message,
                           String stage, int attempts, boolean retryable, String targetReply) {

        boolean failed() {
            return code != null;
        }

        boolean stored() {
            return code == null && delivery != null && delivery.state() == DeliveryState.ACCEPTED;
        }
    }
}
