package io.usagebridge.faults.harness;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.usagebridge.sandbox.ReceivedUpload;
import io.usagebridge.sandbox.insights.LoadedBatch;
import io.usagebridge.sandbox.insights.StoredRecordFile;
import io.usagebridge.sandbox.zuora.ZuoraJob;

/**
 * How many times each row id was accepted at a target, read from the uploads the simulators kept:
 * <ul>
 * <li>2Checkout: every upload answered (or kept before a failure) with the receiver's {@code 1};</li>
 * <li>Zuora REST: every usage import job created (Zuora imports it whether or not anyone polls);</li>
 * <li>Insights: every loaded batch (all record types with one batchDate) counts its files once; a record type
 *     PUT twice under one batchDate overwrites the object, so it is one arrival, not two.</li>
 * </ul>
 */
public final class TargetArrivals {

    private final Map<String, Integer> counts;
    private final Map<String, String> evidence;

    private TargetArrivals(Map<String, Integer> counts, Map<String, String> evidence) {
        this.counts = Collections.unmodifiableMap(counts);
        this.evidence = Collections.unmodifiableMap(evidence);
    }

    static TargetArrivals count(Simulators simulators) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> evidence = new LinkedHashMap<>();
        for (ReceivedUpload upload : simulators.twoCheckout().accepted()) {
            for (String id : CsvColumn.values(upload.file(), UsageFiles.TWOCHECKOUT_ID_COLUMN)) {
                add(counts, evidence, id, "2Checkout upload " + upload.fileName() + " at " + upload.receivedAt());
            }
        }
        for (ZuoraJob job : simulators.zuora().jobs()) {
            if (job.kind() != ZuoraJob.Kind.USAGE) {
                continue;
            }
            for (String id : CsvColumn.values(job.file(), UsageFiles.ZUORA_ID_COLUMN)) {
                add(counts, evidence, id, "Zuora usage import " + job.key() + " (" + job.status() + ")");
            }
        }
        List<StoredRecordFile> stored = simulators.insights().storedFiles();
        for (LoadedBatch batch : simulators.insights().loadedBatches()) {
            Map<String, StoredRecordFile> latest = new LinkedHashMap<>();
            for (StoredRecordFile file : stored) {
                if (file.dataSource().equals(batch.dataSource()) && file.batchDate().equals(batch.batchDate())) {
                    latest.put(file.recordType(), file);
                }
            }
            for (StoredRecordFile file : latest.values()) {
                for (String id : CsvColumn.values(file.file(), UsageFiles.INSIGHTS_ID_COLUMN)) {
                    add(counts, evidence, id, "Insights batch " + batch.batchDate());
                }
            }
        }
        return new TargetArrivals(counts, evidence);
    }

    private static void add(Map<String, Integer> counts, Map<String, String> evidence, String id, String where) {
        int n = counts.merge(id, 1, Integer::sum);
        if (n > 1) {
            evidence.merge(id, where, (a, b) -> a + "; " + b);
        } else {
            evidence.put(id, where);
        }
    }

    /** How many times {@code rowId} was accepted (0 when never). */
    public int count(String rowId) {
        return counts.getOrDefault(rowId, 0);
    }

    /** Where a row was accepted, for the notes of a duplicate. */
    public String whereAccepted(String rowId) {
        return evidence.getOrDefault(rowId, "nowhere");
    }

    /** Every row id of {@code file} accepted at least once. */
    public boolean hasAll(GeneratedFile file) {
        return file.rowIds().stream().allMatch(id -> count(id) > 0);
    }

    public boolean hasNone(List<String> rowIds) {
        return rowIds.stream().noneMatch(id -> count(id) > 0);
    }

    /** Rows accepted so far across all files, duplicates counted each time. */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
