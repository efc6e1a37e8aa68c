package io.usagebridge.ledger;

/**
 * The ledger database cannot be reached (refused, gone, timed out). Nothing may move while it is: a file being
 * processed is left in the inbox (taken again once the ledger is back), and intake pauses.
 */
public class LedgerUnavailableException extends IllegalStateException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
