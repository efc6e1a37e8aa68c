package io.usagebridge.failure;

/**
 * A stable error code: it appears in the ledger, in {@code <file>.error.json} and in metrics, so a code is never
 * renamed once released. The core's codes are {@link CoreFailureCode}; each target type adds its own, in its package.
 * {@code retryable} is the default; a failure may override it.
 */
public interface FailureCode {

    /** The code as written to the ledger and sidecars, e.g. {@code TARGET_UNAVAILABLE}. */
    String name();

    boolean retryable();

    /**
     * True when, once the request was written, this failure leaves open whether the target stored it: a resend is
     * then safe only where the target deduplicates repeats.
     */
    boolean mayHaveArrived();

    /** What the code means, for people. */
    String meaning();
}
