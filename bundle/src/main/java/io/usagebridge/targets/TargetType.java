package io.usagebridge.targets;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.CsvContract;

/** A kind of billing target: its CSV contract and what a resend after a crash would do there. */
public interface TargetType {

    /** The name used in {@code target.<id>.type} and as the route template id. */
    String name();

    CsvContract contract(TargetConfig config);

    /**
     * True when the target recognises a resent request (an idempotency key), so a send cut short by a crash
     * may simply be sent again; false means such a send becomes UNCERTAIN.
     */
    boolean dedupsResends();

    /** Refuses, at start, a configuration this target type cannot serve; the message says what to do. */
    default void validate(TargetConfig config) {
    }
}
