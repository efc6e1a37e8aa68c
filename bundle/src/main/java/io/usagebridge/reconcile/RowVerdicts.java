package io.usagebridge.reconcile;

import java.util.Map;

import io.usagebridge.ledger.DeliveryRow;

/**
 * What a target said of the rows of one delivery (one chunk): the reason of each refused record, by its place in the
 * chunk (0-based, the header not counted), and the reason for every other record when none of them was billed (an
 * import that is all or nothing), or null when the others were.
 */
public record RowVerdicts(DeliveryRow delivery, Map<Long, String> reasons, String otherRows) {

    public RowVerdicts {
        reasons = Map.copyOf(reasons);
    }

    /** Why the record at {@code chunkRecord} was not billed, or null when it was. */
    public String reason(long chunkRecord) {
        String reason = reasons.get(chunkRecord);
        return reason != null ? reason : otherRows;
    }

    /** How many of the chunk's rows were not billed. */
    public long rowsNotBilled() {
        return otherRows != null && delivery.chunkRows() != null ? delivery.chunkRows() : reasons.size();
    }
}
