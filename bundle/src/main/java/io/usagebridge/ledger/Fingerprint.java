package io.usagebridge.ledger;

/**
 * What one streaming pass over a file tells: MD5 (what targets check), SHA-256 (the claim key), size and the
 * number of lines (records ended by a newline, plus a last line without one).
 */
public record Fingerprint(String md5, String sha256, long bytes, long rows) {
}
