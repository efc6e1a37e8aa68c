package io.usagebridge.ledger;

import java.util.List;

/**
 * One target's rows over a day of intakes: files and deliveries; rows sent (in requests the target was sent), rows
 * billed (accepted, less the records its jobs refused), rows the target refused, rows that failed on the way or were
 * stopped (not billed, a replay sends them), rows still on their way; and deliveries uncertain, awaiting a
 * resolution.
 */
public record ReconciliationLine(String target, long files, long deliveries, long rowsSent, long rowsAccepted,
                                 long rowsRejected, long rowsFailed, long rowsPending, long deliveriesUncertain) {

    /** The CSV report's columns, after its first one (the day). */
    public static final List<String> COLUMNS = List.of("target", "files", "deliveries", "rows_sent", "rows_accepted",
            "rows_rejected", "rows_failed", "rows_pending", "deliveries_uncertain");

    /** The values of {@link #COLUMNS}, in their order. */
    public List<Object> values() {
        return List.of(target, files, deliveries, rowsSent, rowsAccepted, rowsRejected, rowsFailed, rowsPending,
                deliveriesUncertain);
    }
}
