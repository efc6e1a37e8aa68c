package io.usagebridge.ledger;

/** One chunk of a source's plan for a target: its number, MD5, bytes and rows, and where its bytes are. */
public record PlannedChunk(int chunkNo, String md5, long bytes, long rows, String path) {
}
