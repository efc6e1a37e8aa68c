package io.usagebridge.deadletter;

import org.apache.camel.Exchange;

/**
 * The error handler's retry-while: redeliver while the failure is retryable and the configured number of
 * redeliveries is not used up.
 */
public final class RetryDecision {

    private final FailureClassifier classifier;
    private final int maxRedeliveries;

    public RetryDecision(FailureClassifier classifier, int maxRedeliveries) {
        this.classifier = classifier;
        this.maxRedeliveries = maxRedeliveries;
    }

    public boolean shouldRetry(Exchange exchange) {
        Throwable thrown = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // Camel has already counted the redelivery this decision is about
        int redeliveries = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        return thrown != null && redeliveries <= maxRedeliveries && classifier.retryable(thrown);
    }
}
