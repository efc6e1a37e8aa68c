package io.usagebridge.deadletter;

import java.time.Clock;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * The dead-letter route's work: classify the failure and record it. A delivery's failure is decided by
 * {@link DeliveryFailurePolicy}: parked for a later attempt (the file moves on; a timer resends it), uncertain, or
 * final; a final one joins the file's failure log for its sidecar. A failure before any target was chosen ends the
 * source file (the dead-letter route then finalises it at once); a target's failure lets the other targets go on.
 */
public final class DeadLetterRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);

    private final Ledger ledger;
    private final FailureClassifier classifier;
    private final DeliveryFailurePolicy policy;
    private final Set<String> targetsThatDedupResends;
    private final Clock clock;
    private final UsageBridgeMetrics metrics;

    /** @param targetsThatDedupResends targets that recognise a repeated request (an idempotency key) */
    public DeadLetterRecorder(Ledger ledger, FailureClassifier classifier, DeliveryFailurePolicy policy,
                              Set<String> targetsThatDedupResends, Clock clock, UsageBridgeMetrics metrics) {
        this.ledger = ledger;
        this.classifier = classifier;
        this.policy = policy;
        this.targetsThatDedupResends = targetsThatDedupResends;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        UsageBridgeFailure failure = thrown == null
                ? new UsageBridgeFailure(CoreFailureCode.INTERNAL_ERROR, "dead-lettered without an exception")
                : classifier.classify(thrown);
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        Long sourceId = exchange.getProperty(ExchangeKeys.SOURCE_ID, Long.class);
        Long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        String stage = exchange.getProperty(ExchangeKeys.STAGE, "intake", String.class);
        String what = exchange.getProperty(ExchangeKeys.SOURCE_NAME) + (target == null ? "" : " -> " + target);
        int attempts = 0;
        if (deliveryId != null && exchange.getProperty(ExchangeKeys.CLAIMED, false, Boolean.class)) {
            DeliveryRow row = ledger.deliveries().delivery(deliveryId).orElseThrow();
            boolean sending = row.state() == DeliveryState.SENDING;
            if (sending) {
                Integer httpStatus = thrown instanceof HttpOperationFailedException h ? h.getStatusCode() : null;
                ledger.attempts().closeAttempt(deliveryId, "FAILED", httpStatus, failure.code(), failure.targetReply());
            }
            DeliveryFailurePolicy.Decision decision = policy.decide(failure, sending,
                    targetsThatDedupResends.contains(target), row.parks(), clock.instant());
            failure = decision.failure();
            attempts = row.attempts();
            if (decision.parked()) {
                ledger.deliveries().park(deliveryId, decision.nextAttempt(), failure);
                metrics.retried(target);
                LOG.info("{} delivery {}: PARKED until {} after {} at {} (retry {} of {}): {}", what, deliveryId,
                        decision.nextAttempt(), failure.code(), stage, row.parks() + 1, policy.maxRetries(),
                        failure.getMessage());
                return;
            }
            ledger.deliveries().markFailed(deliveryId, decision.state(), failure);
            LOG.warn("{} delivery {}: {} {} at {} after {} attempt(s): {}", what, deliveryId, decision.state(),
                    failure.code(), stage, attempts, failure.getMessage());
        } else if (sourceId != null) {
            // no claimed delivery: nothing was being sent
            failure = DeliveryFailurePolicy.beforeSending(failure);
            ledger.sources().markSourceFailed(sourceId, failure.code(), (target == null ? "" : target + ": ")
                    + failure.getMessage());
            LOG.warn("{}: {} at {}: {}", what, failure.code(), stage, failure.getMessage());
        } else {
            failure = DeliveryFailurePolicy.beforeSending(failure);
            LOG.warn("{}: {} at {}: {}", what, failure.code(), stage, failure.getMessage());
        }
        metrics.deadLettered(target == null ? "none" : target, failure.code().name(),
                !failure.retryable() && failure.code() != CoreFailureCode.INTERNAL_ERROR);
        failures(exchange).add(new FailureRecord(failure.code().name(), failure.getMessage(), stage, target,
                deliveryId, chunk == null ? null : chunk.index(), attempts, failure.retryable(), failure.targetReply(),
                clock.instant().toString()));
    }

    static FailureLog failures(Exchange exchange) {
        FailureLog log = exchange.getProperty(ExchangeKeys.FAILURES, FailureLog.class);
        if (log == null) {
            log = new FailureLog();
            exchange.setProperty(ExchangeKeys.FAILURES, log);
        }
        return log;
    }
}
