package io.usagebridge.targets.insights;

import java.nio.file.Path;

/** A record type whose file passed the rules: its source row and what the spine's claim and send need. */
public record RecordToSend(String recordType, Path file, long sourceId, String sourceName, String sha256, String md5,
                           long bytes, long rows) {
}
