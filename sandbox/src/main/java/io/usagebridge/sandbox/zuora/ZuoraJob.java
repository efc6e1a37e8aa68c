package io.usagebridge.sandbox.zuora;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A job the Zuora simulator accepted, as it stands when read.
 *
 * @param kind         a mass action ({@code POST /v1/bulk}) or a usage import ({@code POST /v1/usage})
 * @param key          the bulk key, or the usage import id (32 hex characters)
 * @param actionType   the mass action type; null for a usage import
 * @param status       Pending, Processing, Stopping, Stopped, Completed or Failed (mass action);
 *                     Pending, Processing, Completed, Canceled or Failed (usage import)
 * @param fileName     the {@code filename=} of the uploaded file part
 * @param file         where the uploaded bytes are stored
 * @param fileSize     bytes uploaded
 * @param fileMd5      MD5 of the uploaded bytes, lower-case hex
 * @param createdAt    when the job was accepted, by the simulator's clock
 * @param recordCount  data records found in the file (blank lines not counted)
 */
public record ZuoraJob(Kind kind, String key, String actionType, String status, String fileName, Path file,
                       long fileSize, String fileMd5, Instant createdAt, int recordCount) {

    public enum Kind {
        BULK, USAGE
    }
}
