package io.usagebridge.targets.insights;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A batch folder {@code <inbox>/insights/<dataSource>/<name>/} as one scan found it, and what is to be done with it.
 *
 * @param files      the record types' files present, by record type
 * @param missing    expected record types without a file
 * @param unexpected files that are no record type of the data source, or a second file of one
 */
public record BatchFolder(String target, String dataSource, String name, Path dir, Kind kind, long batchId,
                          Map<String, Path> files, List<String> missing, List<String> unexpected, Instant deadline) {

    public enum Kind {
        /** Complete and unchanged: claim it and send every record type. */
        READY,
        /** Still incomplete at its deadline: fails, naming what is missing. */
        EXPIRED,
        /** Complete but holding files that are no record type (or two of one): fails before anything is sent. */
        INVALID,
        /** A batch already uploaded came again: moved to duplicate/, nothing sent. */
        DUPLICATE,
        /** Already decided (uploaded or failed), its folder still to be moved. */
        SETTLED
    }

    public BatchFolder {
        files = Map.copyOf(files);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
    }

    /** {@code insights/<dataSource>/<name>}: how logs, the ledger's source names and sidecars call the batch. */
    public String displayName(String insightsFolder) {
        return insightsFolder + "/" + dataSource + "/" + name;
    }
}
