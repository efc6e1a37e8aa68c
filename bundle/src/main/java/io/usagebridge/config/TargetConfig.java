package io.usagebridge.config;

import java.util.Optional;

/**
 * One configured target: an instance of a target type ({@code twocheckout-usage}, ...) with its own account,
 * routing rules and limits, read from {@code target.<id>.*}.
 */
public record TargetConfig(String id, String type, Optional<String> inboxFolder, Optional<String> fileGlob,
                           String routingValue, long maxChunkBytes, long maxChunkRows, UsageBridgeSettings settings) {

    public static TargetConfig read(String id, UsageBridgeSettings all) {
        UsageBridgeSettings s = all.under("target." + id + ".");
        return new TargetConfig(id,
                s.get("type").orElseThrow(() -> new IllegalStateException("target." + id + ".type is not set")),
                s.get("inbox-folder"),
                s.get("file-glob"),
                s.get("routing-value", id),
                s.getLong("max-chunk-bytes", Long.MAX_VALUE),
                s.getLong("max-chunk-rows", Long.MAX_VALUE),
                s);
    }
}
