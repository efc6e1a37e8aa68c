package io.usagebridge.ledger;

/** A ledger update that the state machine forbids, or that lost a race with another node. */
public class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(long deliveryId, DeliveryState from, DeliveryState to) {
        super("delivery " + deliveryId + " cannot move from " + from + " to " + to);
    }

    public IllegalTransitionException(String message) {
        super(message);
    }
}
