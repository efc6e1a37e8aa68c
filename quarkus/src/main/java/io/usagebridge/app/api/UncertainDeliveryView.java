package io.usagebridge.app.api;

import java.time.Instant;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.SourceRow;

/** An uncertain delivery as the API shows it: what was sent where, since when, and why it is uncertain. */
public record UncertainDeliveryView(long delivery, String target, int chunk, int chunks, long sourceId,
                                    String file, String keptAt, String code, String message, String remoteId,
                                    Instant since, int lookups) {

    static UncertainDeliveryView of(DeliveryRow d, SourceRow source) {
        return new UncertainDeliveryView(d.id(), d.target(), d.chunkNo(), d.chunkCount(), d.sourceId(),
                source == null ? null : source.name(), source == null ? null : source.keptAt(), d.errorCode(),
                d.errorMessage(), d.remoteId(), d.uncertainSince(), d.lookups());
    }
}
