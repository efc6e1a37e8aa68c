package io.usagebridge.app.api;

import java.util.List;

import io.usagebridge.ledger.ActionRow;

/**
 * One file's journey: the file, where its original is kept, each delivery with its attempts, what operators did,
 * and what may be done now.
 *
 * @param errorFile the {@code <file>.error.json} to download, when the file failed
 * @param canReplay it failed and its original waits in failed/: a replay sends what was not accepted
 */
public record JourneyView(FileView file, String origin, String keptAt, String errorFile, String rejectedRowsFile,
                          boolean canReplay,
                          List<DeliveryView> deliveries, List<ActionRow> actions) {
}
