package io.usagebridge.targets.insights;

import java.nio.file.Path;

/** One record type's file in a batch folder, read where it lies. */
public record RecordFile(String recordType, Path file) {
}
