package io.usagebridge.preview;

/**
 * One request a dry run wrote instead of sending: which target, which chunk, the chunk's facts as the ledger would
 * claim them, and where its bytes and request description are (relative to the preview folder).
 */
public record PreviewedChunk(String target, int index, int count, long rows, long bytes, String md5, String file,
                             String request) {
}
