package io.usagebridge.targets.twocheckout;

import io.usagebridge.failure.FailureCode;

/**
 * The stable error codes of 2Checkout usage upload (see {@link FailureCode}); never renamed once released.
 */
public enum TwoCheckoutFailureCode implements FailureCode {
    TWOCHECKOUT_INVALID_ACCOUNT(false, "2Checkout: Invalid account!"),
    TWOCHECKOUT_FILE_MD5_MISMATCH(false, "2Checkout: Bad signature on the received file!"),
    TWOCHECKOUT_INVALID_SIGNATURE(false, "2Checkout: Invalid signature"),
    TWOCHECKOUT_UNEXPECTED_REPLY(false, "2Checkout answered something that is neither success nor a documented error");

    private final boolean retryable;
    private final boolean mayHaveArrived;
    private final String meaning;

    TwoCheckoutFailureCode(boolean retryable, String meaning) {
        this(retryable, false, meaning);
    }

    TwoCheckoutFailureCode(boolean retryable, boolean mayHaveArrived, String meaning) {
        this.retryable = retryable;
        this.mayHaveArrived = mayHaveArrived;
        this.meaning = meaning;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }

    @Override
    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
