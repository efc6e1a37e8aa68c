package io.usagebridge.plugin;

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

    /**
     * The bean (a Processor) that validates, shapes and cuts a target's slice into chunks; its body becomes the
     * chunks. Most targets share the plain CSV chunker.
     */
    default String chunkerBean() {
        return "sliceChunker";
    }

    /**
     * The direct: endpoint (without the scheme) that sends one claimed chunk of target {@code targetId}: a
     * templatedRoute's own {@code send-<target>} by default.
     */
    default String sendEndpoint(String targetId) {
        return "send-" + targetId;
    }

    /**
     * True when the target can tell whether an uncertain request arrived (a lookup route
     * {@code direct:lookup-<type>}), so uncertain deliveries are looked up before an operator is asked.
     */
    default boolean looksUpUncertain() {
        return false;
    }

    /**
     * The most bytes a target of this type takes in one file (e.g. Zuora's /v1/usage: 4 MiB). Chunks are cut on row
     * boundaries below it whatever {@code target.<id>.max-chunk-bytes} says, so a large file is split, not refused.
     */
    default long fileByteLimit() {
        return Long.MAX_VALUE;
    }

    /** Refuses, at start, a configuration this target type cannot serve; the message says what to do. */
    default void validate(TargetConfig config) {
    }
}
