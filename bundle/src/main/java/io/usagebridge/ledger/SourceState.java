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
    /**
     * Delivered, but a target refused some rows on its own (a mass action's failed records): they are in
     * {@code <file>.rejected.csv} beside the original in done/, counted in the ledger.
     */
    DONE_WITH_REJECTS,
    FAILED,
    DUPLICATE;

    /** The outcome folder's conventional name. */
    public String folderName() {
        return delivered() ? DONE.name().toLowerCase(java.util.Locale.ROOT) : name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every delivery accepted: the original goes to done/ (rows a target refused on its own aside). */
    public boolean delivered() {
        return this == DONE || this == DONE_WITH_REJECTS;
    }

    /** Still waiting for its deliveries (the original is kept where the ledger says). */
    public boolean waiting() {
        return this == PENDING || this == UNCERTAIN;
    }
}
