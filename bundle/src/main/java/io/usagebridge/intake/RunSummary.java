package io.usagebridge.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;

/**
 * The outcome of every source this process finished, for the per-file summary a run prints: one line per source,
 * in the order each was first finished. A source finished again later (a file that waited in inflight/ for a remote
 * job and then ended DONE or FAILED) has its line replaced by the later outcome, so the line count is the number of
 * sources.
 */
public final class RunSummary {

    public record Line(String file, String outcome, String detail) {
    }

    private final Map<String, Line> lines = new LinkedHashMap<>();
    private int unkeyed;

    /** The outcome of the ledger's source {@code sourceId} (null: a file never recorded, always a line of its own). */
    public synchronized void add(Long sourceId, String file, String outcome, String detail) {
        String key = sourceId == null ? "unrecorded " + ++unkeyed : "source " + sourceId;
        lines.put(key, new Line(file, outcome, detail));
    }

    /** The outcome of a source known by its name only (an Insights batch folder): a later one of that name replaces it. */
    public synchronized void add(String file, String outcome, String detail) {
        lines.put("name " + file, new Line(file, outcome, detail));
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines.values());
    }

    /**
     * What a source's deliveries ended as once followed to their final status, with the codes of those not accepted
     * (an accepted one may still carry the code of an earlier, retried attempt), e.g.
     * {@code zuora-usage FAILED x1; REMOTE_JOB_FAILED}.
     */
    public static String finalDeliveries(List<DeliveryRow> deliveries) {
        String codes = deliveries.stream().filter(d -> d.state() != DeliveryState.ACCEPTED)
                .map(DeliveryRow::errorCode).filter(Objects::nonNull).distinct().sorted()
                .collect(Collectors.joining(", "));
        return deliveries(deliveries) + (codes.isEmpty() ? "" : "; " + codes);
    }

    /** What became of a source's deliveries, e.g. {@code twocheckout ACCEPTED x1, zuora FAILED x2}; empty for none. */
    public static String deliveries(List<DeliveryRow> deliveries) {
        return deliveries.stream()
                .collect(Collectors.groupingBy(d -> d.target() + " " + d.state(), Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).sorted()
                .collect(Collectors.joining(", "));
    }
}
