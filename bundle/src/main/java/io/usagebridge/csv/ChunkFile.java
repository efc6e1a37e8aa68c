package io.usagebridge.csv;

import java.nio.file.Path;

/** One piece of a target's slice, within the target's limits, ready to sign and send. */
public record ChunkFile(int index, int count, Path path, String md5, long bytes, long rows) {

    /** Its file name, which targets see. */
    public String fileName() {
        return path.getFileName().toString();
    }
}
