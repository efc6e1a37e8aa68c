package io.usagebridge.poll;

/** What one status check of a remote job found. */
public enum RemoteOutcome {
    /** Still Pending/Processing: ask again later. */
    PENDING,
    /** Final and successful (Completed). */
    ACCEPTED,
    /** Final and not successful (Failed, Canceled). */
    REJECTED,
    /** Stopped at the target on request; replaying the file sends it again. */
    STOPPED
}
