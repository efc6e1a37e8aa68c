package io.usagebridge.ledger;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The state machine of one delivery (source content x target x chunk). Every change of state in the ledger is
 * checked here; nothing else decides which moves are legal.
 */
public enum DeliveryState {
    /** Part of a file's chunk plan (its rows are fixed), not held by anyone: the next intake of the file takes it. */
    PLANNED,
    /** Taken under a lease; nothing sent yet. */
    CLAIMED,
    /** A request is being written; a crash now leaves the outcome unknown. */
    SENDING,
    /** The target took the request; its final answer comes later. */
    SENT,
    /** The target is processing (remote Pending/Processing); a poller follows it. */
    POLLING,
    /** Waiting for its next attempt (backoff, Retry-After); a timer sends it when due. */
    PARKED,
    /** One record type of a batch, waiting for its siblings. */
    WAITING_BATCH,
    /** Final: the target accepted it. */
    ACCEPTED,
    /** Final until replayed: the target refused it, or it broke the target's contract. */
    REJECTED,
    /** Final until replayed: retries exhausted or an error on our side. */
    FAILED,
    /** A request may have arrived with no answer: never resent on its own; a lookup or an operator resolves it. */
    UNCERTAIN,
    /** Stopped on request at the target. */
    STOPPED;

    private static final Map<DeliveryState, Set<DeliveryState>> ALLOWED = Map.ofEntries(
            Map.entry(PLANNED, EnumSet.of(CLAIMED)),
            Map.entry(CLAIMED, EnumSet.of(SENDING, WAITING_BATCH, PARKED, REJECTED, FAILED, PLANNED)),
            // PLANNED: a send cut short to a target that deduplicates repeats (same key) is simply sent again
            Map.entry(SENDING, EnumSet.of(SENT, POLLING, ACCEPTED, REJECTED, FAILED, UNCERTAIN, PARKED, PLANNED)),
            Map.entry(SENT, EnumSet.of(POLLING, ACCEPTED, REJECTED, FAILED)),
            // UNCERTAIN: no final status before the poll timeout; looked up again, never resent
            Map.entry(POLLING, EnumSet.of(ACCEPTED, REJECTED, FAILED, STOPPED, UNCERTAIN)),
            // PARKED: a due retry that failed again before anything was sent (held back, a chunk unreadable)
            Map.entry(PARKED, EnumSet.of(SENDING, PARKED, FAILED)),
            Map.entry(WAITING_BATCH, EnumSet.of(CLAIMED, FAILED)),
            Map.entry(ACCEPTED, EnumSet.noneOf(DeliveryState.class)),
            Map.entry(REJECTED, EnumSet.of(CLAIMED)),
            Map.entry(FAILED, EnumSet.of(CLAIMED)),
            // only a lookup at the target or an operator: delivered (ACCEPTED), found (POLLING) or resend (PARKED)
            Map.entry(UNCERTAIN, EnumSet.of(ACCEPTED, POLLING, PARKED)),
            Map.entry(STOPPED, EnumSet.of(CLAIMED)));

    public boolean canMoveTo(DeliveryState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** States from which a replay of the source file may claim the delivery again (with a new key generation). */
    public boolean replayable() {
        return this == REJECTED || this == FAILED || this == STOPPED;
    }

    /** Final states: nothing more happens without a replay. */
    public boolean finalState() {
        return this == ACCEPTED || this == REJECTED || this == FAILED || this == STOPPED;
    }

    /** States in which nothing more will happen without an operator (or a replay). */
    public boolean settled() {
        return finalState() || this == UNCERTAIN;
    }

    /** States that a timer moves on by itself: a parked retry, a remote job followed. */
    public boolean waiting() {
        return this == PARKED || this == POLLING || this == SENT;
    }

    /** States held under a lease by the instance doing the work. */
    public boolean leased() {
        return this == CLAIMED || this == SENDING;
    }
}
