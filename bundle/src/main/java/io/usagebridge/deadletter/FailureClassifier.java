package io.usagebridge.deadletter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.security.UntrustedCertificateException;

/**
 * Turns whatever was thrown into a {@link UsageBridgeFailure} with a stable code. The line that matters: an error
 * before the request could arrive (no connection, no TLS handshake, 429, 503) is retryable; one that leaves open
 * whether the target stored it (no answer, a reset, a 500 after the body was written) carries a code that
 * {@link FailureCode#mayHaveArrived() may have arrived}: {@link DeliveryFailurePolicy} then decides by the stage
 * and by whether the target deduplicates repeats.
 */
public final class FailureClassifier {

    private final RetryAfterReader retryAfter;

    public FailureClassifier(RetryAfterReader retryAfter) {
        this.retryAfter = retryAfter;
    }

    public UsageBridgeFailure classify(Throwable thrown) {
        if (thrown instanceof UsageBridgeFailure failure) {
            return failure;
        }
        if (thrown instanceof HttpOperationFailedException http) {
            return classifyStatus(http);
        }
        Optional<UsageBridgeFailure> untrusted = untrustedServer(thrown);
        if (untrusted.isPresent()) {
            return untrusted.get();
        }
        Throwable cause = thrown;
        while (cause != null) {
            if (cause instanceof UsageBridgeFailure failure) {
                return failure;
            }
            if (cause instanceof io.usagebridge.ledger.LedgerUnavailableException
                    || cause instanceof io.usagebridge.ledger.LeaseLostException) {
                throw (RuntimeException) cause; // never a failure of the file: the exchange must fail and roll back
            }
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
                    || cause instanceof javax.net.ssl.SSLHandshakeException) {
                return new UsageBridgeFailure(CoreFailureCode.TARGET_UNREACHABLE, "cannot connect to the target: "
                        + cause.getClass().getSimpleName() + ": " + cause.getMessage(), null, true, null, thrown);
            }
            if (cause instanceof InterruptedIOException || cause instanceof IOException) {
                return new UsageBridgeFailure(CoreFailureCode.DELIVERY_UNCERTAIN, "the request was written but no "
                        + "complete answer came (" + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                        + "); it may have been received: check the target, then resolve it "
                        + "(resolve --delivered | --resend)", null, false, null,
                        thrown);
            }
            cause = cause.getCause();
        }
        return new UsageBridgeFailure(CoreFailureCode.INTERNAL_ERROR, thrown.getClass().getSimpleName() + ": "
                + thrown.getMessage(), null, false, null, thrown);
    }

    /**
     * A TLS handshake refused on our side: the server's certificate is not trusted by the target's trust (named by
     * {@link UntrustedCertificateException}), or does not name the host (HttpClient's host name check, after the
     * handshake). Either way no byte of the request was sent, and a retry would meet the same certificate.
     */
    public static Optional<UsageBridgeFailure> untrustedServer(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UntrustedCertificateException untrusted) {
                return Optional.of(new UsageBridgeFailure(CoreFailureCode.TLS_NOT_TRUSTED, untrusted.getMessage()
                        + "; nothing was sent: add the server's CA certificate to target." + untrusted.target()
                        + ".trust-store", null, false, null, thrown));
            }
            if (cause instanceof SSLPeerUnverifiedException unverified) {
                return Optional.of(new UsageBridgeFailure(CoreFailureCode.TLS_NOT_TRUSTED, "the TLS certificate does "
                        + "not name the host (" + unverified.getMessage() + "); nothing was sent", null, false, null,
                        thrown));
            }
        }
        return Optional.empty();
    }

    private UsageBridgeFailure classifyStatus(HttpOperationFailedException http) {
        int status = http.getStatusCode();
        String reply = http.getResponseBody();
        Duration wait = retryAfter.delayFor(http);
        if (status == 429) {
            return new UsageBridgeFailure(CoreFailureCode.TARGET_RATE_LIMITED, "HTTP 429 from the target", reply, true,
                    wait, http);
        }
        if (status == 503) {
            return new UsageBridgeFailure(CoreFailureCode.TARGET_UNAVAILABLE, "HTTP 503 from the target", reply, true,
                    wait, http);
        }
        if (status >= 500) {
            return new UsageBridgeFailure(CoreFailureCode.TARGET_SERVER_ERROR, "HTTP " + status + " from the target "
                    + "after the request was written: it may have stored it", reply, true, wait, http);
        }
        return new UsageBridgeFailure(CoreFailureCode.TARGET_HTTP_ERROR, "HTTP " + status + " from the target", reply,
                false, null, http);
    }

    /** Whether the error handler should redeliver: what the target never got, or asked us to resend later. */
    public boolean retryable(Throwable thrown) {
        return classify(thrown).retryable();
    }
}
