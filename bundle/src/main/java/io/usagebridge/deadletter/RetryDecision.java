package io.usagebridge.deadletter;

import java.util.Set;

import org.apache.camel.Exchange;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.FailureCode;

/**
 * The error handler's retry-while: redeliver while the failure is retryable and the configured number of
 * redeliveries is not used up.
 */
public final class RetryDecision {

    /** Failures of the current step of this exchange; a sub-exchange (one chunk) starts at zero. */
    public static final String FAILURES_IN_STEP = "UsageBridgeFailuresInStep";

    private final FailureClassifier classifier;
    private final int maxRedeliveries;
    private final Set<String> targetsThatDedupResends;

    public RetryDecision(FailureClassifier classifier, int maxRedeliveries, Set<String> targetsThatDedupResends) {
        this.classifier = classifier;
        this.maxRedeliveries = maxRedeliveries;
        this.targetsThatDedupResends = targetsThatDedupResends;
    }

    public boolean shouldRetry(Exchange exchange) {
        Throwable thrown = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // counted by FailedAttemptRecorder, once per failure: Camel's counter header does not survive an HTTP
        // producer replacing the message's headers
        int failures = exchange.getProperty(FAILURES_IN_STEP, 0, Integer.class);
        return thrown != null && failures <= maxRedeliveries
                && (classifier.retryable(thrown) || resendIsSafe(exchange, thrown));
    }

    /**
     * A request that may have arrived is resent only to a target that recognises the repeat (same Idempotency-Key):
     * there it returns the first job instead of creating a second.
     */
    private boolean resendIsSafe(Exchange exchange, Throwable thrown) {
        return classifier.classify(thrown).code() == FailureCode.DELIVERY_UNCERTAIN
                && targetsThatDedupResends.contains(exchange.getProperty(ExchangeKeys.TARGET, String.class));
    }
}
