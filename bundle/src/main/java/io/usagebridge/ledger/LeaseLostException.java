package io.usagebridge.ledger;

/**
 * A transition was refused because this instance no longer holds the row's lease: it expired (a long pause, a lost
 * heartbeat) and another instance took the work over. The work must be dropped here, never recorded.
 */
public class LeaseLostException extends IllegalTransitionException {

    public LeaseLostException(String message) {
        super(message);
    }
}
