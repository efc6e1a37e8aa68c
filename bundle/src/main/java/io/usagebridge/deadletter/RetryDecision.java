package io.usagebridge.deadletter;

import org.apache.camel.Exchange;

/**
 * The error handler's retry-while: redeliver while the failure is retryable and the configured number of
 * redeliveries is not used up.
 */
public final class RetryDecision {

    /** Failures of the current step of this exchange; a sub-exchange (one chunk) starts at zero. */
    public static final String FAILURES_IN_STEP = "UsageBridgeFailuresInStep";

    private final FailureClassifier classifier;
    private final int maxRedeliveries;

    public RetryDecision(FailureClassifier classifier, int maxRedeliveries) {
        this.classifier = classifier;
        this.maxRedeliveries = maxRedeliveries;
    }

    public boolean shouldRetry(Exchange exchange) {
        Throwable thrown = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // counted by FailedAttemptRecorder, once per failure: Camel's counter header does not survive an HTTP
        // producer replacing the message's headers
        int failures = exchange.getProperty(FAILURES_IN_STEP, 0, Integer.class);
        return thrown != null && failures <= maxRedeliveries && classifier.retryable(thrown);
    }
}
