package io.usagebridge.sandbox.insights;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A record type's file as the store holds it: the bytes received through a signed URL, their MD5, and the upload
 * call that URL was issued for.
 */
public record StoredRecordFile(String dataSource, String recordType, String batchDate, String objectKey, Path file,
                               long bytes, String md5, Instant storedAt) {
}
