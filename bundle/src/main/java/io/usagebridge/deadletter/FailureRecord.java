package io.usagebridge.deadletter;

/** One failure as it is written to the error sidecar. No field ever holds a secret. */
public record FailureRecord(String code, String message, String stage, String target, Long deliveryId,
                            Integer chunk, int attempts, boolean retryable, String targetReply, String time) {
}
