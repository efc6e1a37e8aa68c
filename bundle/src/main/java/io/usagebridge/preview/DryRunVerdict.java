package io.usagebridge.preview;

/** What a real run would do with a file, as its dry run found. */
public enum DryRunVerdict {
    /** Every request it would make is in the preview. */
    WOULD_SEND,
    /** A real run would refuse it (or part of it): the codes and messages of its .error.json, no chunk for that part. */
    WOULD_FAIL,
    /** Nothing to send: the same content as an earlier file of this run (a duplicate). */
    NOTHING_TO_SEND,
    /** Not previewed: a folder no intake takes (an Insights folder that is no configured data source). */
    NOT_PREVIEWED
}
