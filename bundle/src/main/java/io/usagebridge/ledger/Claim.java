package io.usagebridge.ledger;

/** The answer of the ledger to "may I send this chunk to this target?". */
public record Claim(Outcome outcome, long deliveryId) {

    public enum Outcome {
        /** Ours to send now. */
        CLAIMED,
        /** This content already reached the target: a duplicate, nothing to send. */
        ALREADY_ACCEPTED,
        /** Another file with the same content is being delivered right now. */
        IN_FLIGHT,
        /** A crash left an earlier send of this content without an answer: report it, do not resend. */
        UNCERTAIN
    }

    public boolean claimed() {
        return outcome == Outcome.CLAIMED;
    }
}
