package io.usagebridge.ledger;

/**
 * The answer of the ledger to "may I send this chunk to this target?".
 *
 * @param keyGeneration the delivery's key generation: part of an idempotency key, new for a deliberate second send
 * @param adopted       this source took the delivery over from an earlier intake of the same file that was cut
 *                      short: it now settles by the delivery's state
 */
public record Claim(Outcome outcome, long deliveryId, int keyGeneration, boolean adopted) {

    public enum Outcome {
        /** Ours to send now, under our lease. */
        CLAIMED,
        /** This content already reached the target: nothing to send. */
        ALREADY_ACCEPTED,
        /** Another live intake is delivering the same content right now, or its retry or remote job is pending. */
        IN_FLIGHT,
        /** Waiting for a parked retry or a remote job that this source took over: nothing to send now. */
        WAITING,
        /** An earlier send of this content may have arrived without an answer: resolve it, never resend it. */
        UNCERTAIN
    }

    public boolean claimed() {
        return outcome == Outcome.CLAIMED;
    }
}
