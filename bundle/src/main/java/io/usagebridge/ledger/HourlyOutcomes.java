package io.usagebridge.ledger;

import java.time.Instant;

/** Source files received in one hour, by where they stand now. */
public record HourlyOutcomes(Instant hour, long done, long failed, long waiting, long other) {
}
