package io.usagebridge.deadletter;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.LedgerRepository;

/**
 * Runs when a step throws, before the error handler decides to redeliver: closes the attempt in the ledger and,
 * when the target sent Retry-After, makes that the wait before the next attempt (instead of the backoff).
 */
public final class FailedAttemptRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FailedAttemptRecorder.class);

    private final LedgerRepository ledger;
    private final FailureClassifier classifier;

    public FailedAttemptRecorder(LedgerRepository ledger, FailureClassifier classifier) {
        this.ledger = ledger;
        this.classifier = classifier;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (thrown == null) {
            thrown = exchange.getException();
        }
        if (thrown == null) {
            return;
        }
        exchange.setProperty(RetryDecision.FAILURES_IN_STEP,
                exchange.getProperty(RetryDecision.FAILURES_IN_STEP, 0, Integer.class) + 1);
        UsageBridgeFailure failure = classifier.classify(thrown);
        Duration retryAfter = failure.retryAfter();
        if (retryAfter != null) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, retryAfter.toMillis());
        } else {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        }
        Long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        if (deliveryId != null && failure.retryable()) {
            Integer status = thrown instanceof HttpOperationFailedException h ? h.getStatusCode() : null;
            ledger.closeAttempt(deliveryId, "RETRYABLE", status, failure.code(), failure.targetReply());
            LOG.info("{} -> {} delivery {}: {} ({}){}", exchange.getProperty(ExchangeKeys.SOURCE_NAME),
                    exchange.getProperty(ExchangeKeys.TARGET), deliveryId, failure.code(), failure.getMessage(),
                    retryAfter == null ? "" : ", target asks to retry after " + retryAfter.toSeconds() + " s");
        }
    }
}
