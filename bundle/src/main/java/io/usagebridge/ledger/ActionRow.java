package io.usagebridge.ledger;

import java.time.Instant;

/** One operator action (or lookup) as ledger_action holds it. */
public record ActionRow(long id, String action, Long deliveryId, Long sourceId, String actor, String detail,
                        Instant at) {
}
