package io.usagebridge.reconcile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import io.usagebridge.csv.CsvFormats;
import io.usagebridge.csv.CsvLimits;
import io.usagebridge.csv.UsageChunker;
import io.usagebridge.ledger.DeliveryRow;

/**
 * Writes the rows targets did not bill, as they were in the source, with the reason in a last column
 * ({@value #REASON_COLUMN}, which the intake ignores), so the file can be fixed and dropped into the inbox as it is.
 * One streaming pass over the source: each record is placed in its target's slice (by the routing column, or the
 * whole file for each target) and in its chunk by the rows each chunk of the plan holds, as the splitter and the
 * chunker placed it when it was sent.
 */
public final class RejectedRowsWriter {

    /** The column that says why a row was not billed; an intake drops it. */
    public static final String REASON_COLUMN = UsageChunker.REASON_COLUMN;

    private final Optional<String> routingColumn;
    private final Map<String, String> targetsByRoutingValue;
    private final CsvLimits limits;

    public RejectedRowsWriter(Optional<String> routingColumn, Map<String, String> targetsByRoutingValue,
                              CsvLimits limits) {
        this.routingColumn = routingColumn;
        this.targetsByRoutingValue = targetsByRoutingValue;
        this.limits = limits;
    }

    /**
     * @param source     the source file (its work copy or its kept original)
     * @param deliveries every delivery of the source (the chunk plan), with the verdicts of those targets answered
     * @param to         the file to write
     * @return the rows written; none leaves no file
     */
    public long write(Path source, List<DeliveryRow> deliveries, Map<Long, RowVerdicts> verdicts, Path to)
            throws IOException {
        Map<String, ChunkCursor> cursors = new LinkedHashMap<>();
        deliveries.stream().sorted(Comparator.comparing(DeliveryRow::target).thenComparingInt(DeliveryRow::chunkNo))
                .forEach(d -> cursors.computeIfAbsent(d.target(), t -> new ChunkCursor()).chunks.add(d));
        Path part = to.resolveSibling(to.getFileName() + ".part");
        long written = 0;
        try (CSVParser parser = CsvFormats.parse(source, limits);
             BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CsvFormats.WRITE)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                return 0;
            }
            List<String> header = new ArrayList<>(records.next().toList());
            int routing = routingColumn.map(header::indexOf).orElse(-1);
            int reasonAt = header.indexOf(REASON_COLUMN);
            if (reasonAt < 0) {
                reasonAt = header.size();
                header.add(REASON_COLUMN);
            }
            printer.printRecord(header);
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long line = parser.getCurrentLineNumber();
                List<String> reasons = new ArrayList<>();
                for (String target : targetsOf(record, routing, cursors)) {
                    ChunkCursor cursor = cursors.get(target);
                    String reason = cursor == null ? null : cursor.next(verdicts);
                    if (reason != null) {
                        reasons.add(target + ": " + reason);
                    }
                }
                if (!reasons.isEmpty()) {
                    List<String> values = new ArrayList<>(record.toList());
                    while (values.size() <= reasonAt) {
                        values.add("");
                    }
                    values.set(reasonAt, "line " + line + ", " + String.join("; ", reasons));
                    printer.printRecord(values);
                    written++;
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        if (written == 0) {
            Files.deleteIfExists(part);
            return 0;
        }
        Files.move(part, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return written;
    }

    private Iterable<String> targetsOf(CSVRecord record, int routing, Map<String, ChunkCursor> cursors) {
        if (routing < 0) {
            return cursors.keySet();
        }
        String target = routing < record.size() ? targetsByRoutingValue.get(record.get(routing).trim()) : null;
        return target == null ? List.of() : List.of(target);
    }

    /** Where a target's slice is: its chunk, and the record within it. */
    private static final class ChunkCursor {
        private final List<DeliveryRow> chunks = new ArrayList<>();
        private int chunk;
        private long record;

        /** The reason the next record of the slice was not billed, or null. */
        String next(Map<Long, RowVerdicts> verdicts) {
            while (chunk < chunks.size() && chunks.get(chunk).chunkRows() != null
                    && record >= chunks.get(chunk).chunkRows()) {
                chunk++;
                record = 0;
            }
            if (chunk >= chunks.size()) {
                return null;
            }
            RowVerdicts verdict = verdicts.get(chunks.get(chunk).id());
            String reason = verdict == null ? null : verdict.reason(record);
            record++;
            return reason;
        }
    }
}
