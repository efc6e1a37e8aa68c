package io.usagebridge.bench;

/** One upload as the 2Checkout simulator's state lists it. */
public record Upload(String fileName, long size, String md5, boolean accepted, String reply) {
}
