package io.usagebridge.targets.insights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a batch folder's files make of it for its data source: each record type's file, the record types without
 * one, and the files that are no record type (or a second file of one). Temporary and partial files are no record
 * files and count for nothing here.
 */
record BatchContents(Map<String, Path> files, List<String> missing, List<String> unexpected) {

    static BatchContents of(InsightsTargetSettings.DataSource dataSource, Collection<String> names, Path batchDir) {
        Map<String, Path> files = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        for (String file : names) {
            if (!InsightsFileRules.isRecordFile(file)) {
                continue;
            }
            String recordType = InsightsFileRules.recordType(file);
            if (!dataSource.recordTypes().contains(recordType)) {
                unexpected.add(file + " is no record type of data source " + dataSource.name());
            } else if (files.containsKey(recordType)) {
                unexpected.add("two files for record type " + recordType + ": " + files.get(recordType).getFileName()
                        + " and " + file);
            } else {
                files.put(recordType, batchDir.resolve(file));
            }
        }
        List<String> missing = dataSource.recordTypes().stream().filter(t -> !files.containsKey(t)).toList();
        return new BatchContents(files, missing, unexpected);
    }
}
