package io.usagebridge.faults.harness;

/** Where an original can be at the end of a row; only the last three are final. */
public enum Place {
    INBOX, INFLIGHT, UNHANDLED, DONE, FAILED, DUPLICATE;

    public boolean isFinal() {
        return this == DONE || this == FAILED || this == DUPLICATE;
    }

    /** The folder's name as a user sees it. */
    public String folder() {
        return this == UNHANDLED ? ".unhandled/" : name().toLowerCase(java.util.Locale.ROOT) + "/";
    }
}
