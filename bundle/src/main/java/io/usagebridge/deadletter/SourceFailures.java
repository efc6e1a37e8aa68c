package io.usagebridge.deadletter;

import java.util.ArrayList;
import java.util.List;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.SourceRow;

/**
 * Every failure of a source file for its sidecar: those met in this run (with their whole messages), then what the
 * ledger holds on the source and its deliveries that this run did not see (a remote job that failed later, a send
 * left uncertain by an earlier intake).
 */
public final class SourceFailures {

    private SourceFailures() {
    }

    public static List<FailureRecord> of(SourceRow source, List<DeliveryRow> deliveries, List<FailureRecord> seen) {
        List<FailureRecord> all = new ArrayList<>(seen);
        if (source.errorCode() != null && seen.stream().noneMatch(f -> f.deliveryId() == null)) {
            all.add(new FailureRecord(source.errorCode(), source.errorMessage(), "validate", null, null, null, 0,
                    false, null, String.valueOf(source.finishedAt())));
        }
        for (DeliveryRow d : deliveries) {
            boolean known = seen.stream().anyMatch(f -> Long.valueOf(d.id()).equals(f.deliveryId()));
            if (d.state() != DeliveryState.ACCEPTED && d.state().settled() && !known) {
                all.add(new FailureRecord(String.valueOf(d.errorCode()), d.errorMessage(), stageOf(d), d.target(),
                        d.id(), d.chunkNo(), d.attempts(), Boolean.TRUE.equals(d.retryable()), d.remoteResponse(),
                        String.valueOf(d.updatedAt())));
            }
        }
        return all;
    }

    private static String stageOf(DeliveryRow d) {
        return d.remoteId() != null ? "poll" : "send";
    }
}
