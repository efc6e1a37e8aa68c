package io.usagebridge.targets.httpmultipart;

import io.usagebridge.failure.FailureCode;

/**
 * The stable error codes of the HTTP multipart target (see {@link FailureCode}); never renamed once released. Each
 * is a 4xx the receiver answered: it read the request and refused it, so none is retried. 429 and 503 (retried,
 * honouring Retry-After) and a 5xx after the body was written (uncertain) keep the core's codes.
 */
public enum HttpMultipartFailureCode implements FailureCode {
    HTTP_MULTIPART_REJECTED("the receiver refused the upload (a 4xx); its reason is in the message and the reply"),
    HTTP_MULTIPART_AUTH_REFUSED("the receiver refused the bearer token (HTTP 401 or 403)"),
    HTTP_MULTIPART_TOO_LARGE("the receiver refused the upload as too large (HTTP 413): lower max-chunk-bytes");

    private final String meaning;

    HttpMultipartFailureCode(String meaning) {
        this.meaning = meaning;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public boolean mayHaveArrived() {
        return false;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
