package io.usagebridge.sandbox.insights;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A batch Insights starts loading: every record type of the data source arrived with the identical batchDate.
 *
 * @param recordMd5 MD5 of each record type's file, by record type
 */
public record LoadedBatch(String dataSource, String batchDate, Map<String, String> recordMd5, Instant loadedAt) {

    public LoadedBatch {
        recordMd5 = Collections.unmodifiableMap(new LinkedHashMap<>(recordMd5));
    }
}
