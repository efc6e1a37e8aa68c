package io.usagebridge.failure;

import java.time.Duration;

/**
 * A failure as data: stable code, a message for people, the target's own reply (cut) and whether a retry may
 * help. Messages never carry secrets: they are written to the ledger and to error sidecars.
 */
public class UsageBridgeFailure extends RuntimeException {

    /** Target replies are kept in the ledger (varchar 4000); a page of HTML must not flood them. */
    public static final int MAX_REPLY_CHARS = 2000;
    /** Messages are kept in the ledger's varchar(2000) columns; the sidecar keeps the whole text. */
    public static final int MAX_MESSAGE_CHARS = 2000;
    private static final String CUT_MARK = "…[cut]";

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
        return cut(text, MAX_REPLY_CHARS);
    }

    /**
     * The text cut to at most {@code max} characters, the mark included, so it always fits its column: recording a
     * failure must never fail on the failure's own length.
     */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int keep = max - CUT_MARK.length();
        // never split a surrogate pair
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, Math.max(keep, 0)) + CUT_MARK;
    }
}
