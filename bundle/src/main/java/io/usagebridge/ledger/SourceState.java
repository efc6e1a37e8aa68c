package io.usagebridge.ledger;

/** What became of one source file as a whole; decides whether it moves to done/, failed/ or duplicate/. */
public enum SourceState {
    /** Being taken in by an instance (under a lease). */
    RECEIVED,
    /** Its intake was cut short (a crash, a kill); the file, still in the inbox, is taken in again. */
    INTERRUPTED,
    /** Sent; waiting for targets' final answers or a parked retry. The original waits in the inflight folder. */
    PENDING,
    /** A delivery may have arrived with no answer: the original waits in failed/ until it is resolved. */
    UNCERTAIN,
    DONE,
    FAILED,
    DUPLICATE;

    /** The outcome folder's conventional name. */
    public String folderName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Still waiting for its deliveries (the original is kept where the ledger says). */
    public boolean waiting() {
        return this == PENDING || this == UNCERTAIN;
    }
}
