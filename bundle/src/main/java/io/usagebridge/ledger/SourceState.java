package io.usagebridge.ledger;

/** What became of one source file as a whole; decides whether it moves to done/, failed/ or duplicate/. */
public enum SourceState {
    RECEIVED,
    /** The node stopped (crash, kill) while the file was in flight; the file, still in the inbox, came again. */
    INTERRUPTED,
    /** Sent; waiting for targets' final answers. The original waits in the inflight folder. */
    PENDING,
    DONE,
    FAILED,
    DUPLICATE;

    /** The outcome folder's conventional name. */
    public String folderName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
