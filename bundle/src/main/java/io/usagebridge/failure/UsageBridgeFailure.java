package io.usagebridge.failure;

import java.time.Duration;

/**
 * A failure as data: stable code, a message for people, the target's own reply (cut) and whether a retry may
 * help. Messages never carry secrets: they are written to the ledger and to error sidecars.
 */
public class UsageBridgeFailure extends RuntimeException {

    /** Target replies are kept in the ledger and sidecar; a page of HTML must not flood them. */
    public static final int MAX_REPLY_CHARS = 2000;

    private final FailureCode code;
    private final boolean retryable;
    private final String targetReply;
    private final Duration retryAfter;

    public UsageBridgeFailure(FailureCode code, String message) {
        this(code, message, null, code.retryable(), null, null);
    }

    public UsageBridgeFailure(FailureCode code, String message, String targetReply) {
        this(code, message, targetReply, code.retryable(), null, null);
    }

    public UsageBridgeFailure(FailureCode code, String message, String targetReply, boolean retryable,
                              Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
        this.targetReply = cut(targetReply);
        this.retryAfter = retryAfter;
    }

    public FailureCode code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public String targetReply() {
        return targetReply;
    }

    /** How long the target asked us to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public static String cut(String text) {
        if (text == null || text.length() <= MAX_REPLY_CHARS) {
            return text;
        }
        return text.substring(0, MAX_REPLY_CHARS) + "…[cut]";
    }
}
