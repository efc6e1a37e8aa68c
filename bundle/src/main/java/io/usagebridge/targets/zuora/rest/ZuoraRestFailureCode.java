package io.usagebridge.targets.zuora.rest;

import io.usagebridge.failure.FailureCode;

/**
 * The stable error codes of the Zuora REST targets (see {@link FailureCode}); never renamed once released.
 */
public enum ZuoraRestFailureCode implements FailureCode {
    ZUORA_REQUEST_REJECTED(false, "Zuora answered success=false; its reasons are in the reply"),
    ZUORA_AUTH_FAILED(false, "Zuora refused the OAuth client credentials or a fresh token"),
    IDEMPOTENCY_KEY_CONFLICT(false, "Zuora saw this Idempotency-Key with another body (HTTP 422)"),
    IDEMPOTENT_REQUEST_IN_FLIGHT(true, "Zuora is still processing the first request with this Idempotency-Key (HTTP 409)");

    private final boolean retryable;
    private final boolean mayHaveArrived;
    private final String meaning;

    ZuoraRestFailureCode(boolean retryable, String meaning) {
        this(retryable, false, meaning);
    }

    ZuoraRestFailureCode(boolean retryable, boolean mayHaveArrived, String meaning) {
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
