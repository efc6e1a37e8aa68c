package io.usagebridge.reconcile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.intake.OriginalMover;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.SourceRow;

/**
 * Reconciles a finished source row by row: reads what each target said of its rows (before its result file moves),
 * then writes {@code <file>.rejected.csv} beside the original with the rows not billed, and counts them. A row the
 * target refused but that cannot be placed (its result file was too large to keep, the work copy and the original
 * are out of reach) is still counted, from the job's own counts.
 */
public final class RejectedRows {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedRows.class);
    /** What the rows file's name adds to the original's: {@code <file>.rejected.csv}. */
    public static final String SUFFIX = ".rejected.csv";

    /** What was kept: the rows not billed, and their file (null when none could be written). */
    public record Kept(long rows, String path) {
    }

    private final RejectedRowsWriter writer;

    public RejectedRows(RejectedRowsWriter writer) {
        this.writer = writer;
    }

    /**
     * Each target's verdicts on its rows, by delivery id, from the result files {@code resultOf} finds (read while
     * they are where the polls left them).
     */
    public Map<Long, RowVerdicts> verdicts(List<DeliveryRow> deliveries, Function<DeliveryRow, Optional<Path>> resultOf)
            throws IOException {
        Map<Long, RowVerdicts> verdicts = new LinkedHashMap<>();
        for (DeliveryRow d : deliveries) {
            Optional<RowVerdicts> verdict = RefusedRows.of(d, resultOf.apply(d));
            verdict.ifPresent(v -> verdicts.put(d.id(), v));
        }
        return verdicts;
    }

    /**
     * Writes the rejected rows to {@code to} (beside the original, now at {@code keptAt}); empty when no target
     * refused a row.
     */
    public Optional<Kept> keep(SourceRow source, List<DeliveryRow> deliveries, Map<Long, RowVerdicts> verdicts,
                               String keptAt, Path to) throws IOException {
        if (deliveries.stream().noneMatch(DeliveryRow::rowsRefusedRemotely)) {
            return Optional.empty();
        }
        long unplaced = deliveries.stream().filter(d -> d.rowsRefusedRemotely() && !verdicts.containsKey(d.id()))
                .mapToLong(RejectedRows::countedByTheTarget).sum();
        Optional<Path> rows = readable(source, keptAt);
        if (verdicts.isEmpty() || rows.isEmpty()) {
            if (!verdicts.isEmpty()) {
                LOG.warn("{}: neither its work copy nor its original can be read here: the rows its targets refused "
                        + "are counted, not written", source.name());
            }
            long counted = verdicts.values().stream().mapToLong(RowVerdicts::rowsNotBilled).sum() + unplaced;
            return Optional.of(new Kept(counted, null));
        }
        Files.createDirectories(to.getParent());
        long written = writer.write(rows.get(), deliveries, verdicts, to);
        LOG.info("{}: {} row(s) not billed -> {}", source.name(), written, to);
        return Optional.of(new Kept(written + unplaced, written == 0 ? null : to.toString()));
    }

    /** The rows each target left unbilled, placed or not: what the metrics count. */
    public static Map<String, Long> notBilledByTarget(List<DeliveryRow> deliveries, Map<Long, RowVerdicts> verdicts) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (DeliveryRow d : deliveries) {
            if (d.rowsRefusedRemotely()) {
                RowVerdicts verdict = verdicts.get(d.id());
                rows.merge(d.target(), verdict != null ? verdict.rowsNotBilled() : countedByTheTarget(d), Long::sum);
            }
        }
        return rows;
    }

    /** The source's bytes: its work copy while it lasts, else its original when that is a local file. */
    private static Optional<Path> readable(SourceRow source, String keptAt) {
        if (source.workPath() != null && Files.isRegularFile(Path.of(source.workPath()))) {
            return Optional.of(Path.of(source.workPath()));
        }
        if (OriginalMover.isLocal(keptAt) && Files.isRegularFile(Path.of(keptAt))) {
            return Optional.of(Path.of(keptAt));
        }
        return Optional.empty();
    }

    private static long countedByTheTarget(DeliveryRow d) {
        if (d.state() == DeliveryState.ACCEPTED) {
            return d.remoteFailed() == null ? 0 : d.remoteFailed();
        }
        return d.chunkRows() == null ? 0 : d.chunkRows();
    }
}
