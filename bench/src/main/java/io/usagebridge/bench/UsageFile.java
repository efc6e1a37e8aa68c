package io.usagebridge.bench;

/**
 * One generated 2Checkout usage file: its name, its size, the MD5 of its bytes (what the reference loop sends) and
 * the MD5 of the bytes UsageBridge sends for it (the same rows with 2Checkout's dates: {@code yyyy-MM-dd HH:mm:ss} at
 * +02:00), so the check at the simulator tells a file that arrived from one that did not.
 */
public record UsageFile(String name, long bytes, String sourceMd5, String wireMd5) {
}
