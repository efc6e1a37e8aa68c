package io.usagebridge.targets.zuora.rest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;

import io.usagebridge.deadletter.FailureClassifier;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Zuora's meaning of HTTP errors on an idempotent POST: 409 = the same key is still in flight (wait and ask
 * again: retryable), 422 = the key was used with another body (never retried). Zuora's error JSON ({success:false,
 * reasons:[{code, message}]}) is kept as the target's reply. The rest as for any target.
 */
public final class ZuoraErrorMapper implements Processor {

    private final FailureClassifier classifier;

    public ZuoraErrorMapper(FailureClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (thrown instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            String reply = http.getResponseBody();
            if (status == 409) {
                throw new UsageBridgeFailure(ZuoraRestFailureCode.IDEMPOTENT_REQUEST_IN_FLIGHT,
                        "Zuora is still processing "
                        + "the first request with this Idempotency-Key", reply, true, null, http);
            }
            if (status == 422) {
                throw new UsageBridgeFailure(ZuoraRestFailureCode.IDEMPOTENCY_KEY_CONFLICT, "Zuora has seen this "
                        + "Idempotency-Key with another request body", reply);
            }
            if (status == 401) {
                throw new UsageBridgeFailure(ZuoraRestFailureCode.ZUORA_AUTH_FAILED,
                        "Zuora refused a freshly issued token",
                        reply);
            }
        }
        throw classifier.classify(thrown);
    }
}
