package io.usagebridge.ledger;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The state machine of one delivery (source content x target x chunk). Every change of state in the ledger is
 * checked here; nothing else decides which moves are legal.
 */
public enum DeliveryState {
    /** Taken by a node; nothing sent yet. */
    CLAIMED,
    /** A request is being written; a crash now leaves the outcome unknown. */
    SENDING,
    /** The target took the request; its final answer comes later. */
    SENT,
    /** The target is processing (remote Pending/Processing); a poller follows it. */
    POLLING,
    /** One record type of a batch, waiting for its siblings. */
    WAITING_BATCH,
    /** Final: the target accepted it. */
    ACCEPTED,
    /** Final until replayed: the target refused it, or it broke the target's contract. */
    REJECTED,
    /** Final until replayed: retries exhausted or an error on our side. */
    FAILED,
    /** A request may have arrived with no answer; never resent on its own. */
    UNCERTAIN,
    /** Stopped on request at the target. */
    STOPPED;

    private static final Map<DeliveryState, Set<DeliveryState>> ALLOWED = Map.of(
            CLAIMED, EnumSet.of(SENDING, WAITING_BATCH, REJECTED, FAILED, CLAIMED),
            SENDING, EnumSet.of(SENT, POLLING, ACCEPTED, REJECTED, FAILED, UNCERTAIN, CLAIMED),
            SENT, EnumSet.of(POLLING, ACCEPTED, REJECTED, FAILED),
            POLLING, EnumSet.of(ACCEPTED, REJECTED, FAILED, STOPPED),
            WAITING_BATCH, EnumSet.of(CLAIMED, FAILED),
            ACCEPTED, EnumSet.noneOf(DeliveryState.class),
            REJECTED, EnumSet.of(CLAIMED),
            FAILED, EnumSet.of(CLAIMED),
            UNCERTAIN, EnumSet.of(CLAIMED, FAILED),
            STOPPED, EnumSet.of(CLAIMED));

    public boolean canMoveTo(DeliveryState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** States from which a replay of the source file may claim the delivery again. */
    public boolean replayable() {
        return this == REJECTED || this == FAILED || this == STOPPED;
    }

    /** States in which nothing more will happen without an operator. */
    public boolean settled() {
        return this == ACCEPTED || this == REJECTED || this == FAILED || this == UNCERTAIN || this == STOPPED;
    }
}
