package io.usagebridge.deadletter;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.intake.SourceFinaliser;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.LedgerRepository;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * The dead-letter route's work: classify the failure, record it on the delivery (or the source file) in the
 * ledger and in the file's failure log. A failure before any target was chosen ends the source file here, so it
 * is finalised at once; a target's failure lets the other targets go on.
 */
public final class DeadLetterRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);

    private final LedgerRepository ledger;
    private final FailureClassifier classifier;
    private final SourceFinaliser finaliser;
    private final Clock clock;
    private final UsageBridgeMetrics metrics;

    public DeadLetterRecorder(LedgerRepository ledger, FailureClassifier classifier, SourceFinaliser finaliser,
                              Clock clock, UsageBridgeMetrics metrics) {
        this.ledger = ledger;
        this.classifier = classifier;
        this.finaliser = finaliser;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        UsageBridgeFailure failure = thrown == null
                ? new UsageBridgeFailure(FailureCode.INTERNAL_ERROR, "dead-lettered without an exception")
                : classifier.classify(thrown);
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        Long sourceId = exchange.getProperty(ExchangeKeys.SOURCE_ID, Long.class);
        Long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        String stage = exchange.getProperty(ExchangeKeys.STAGE, "intake", String.class);
        int attempts = 0;
        if (deliveryId != null) {
            Integer httpStatus = thrown instanceof HttpOperationFailedException h ? h.getStatusCode() : null;
            ledger.closeAttempt(deliveryId, "FAILED", httpStatus, failure.code(), failure.targetReply());
            DeliveryState state = stateFor(failure);
            DeliveryState current = ledger.delivery(deliveryId).map(DeliveryRow::state).orElse(state);
            if (state == DeliveryState.UNCERTAIN && current == DeliveryState.CLAIMED) {
                state = DeliveryState.FAILED; // nothing was written to the target yet
            }
            ledger.markFailed(deliveryId, state, failure);
            attempts = ledger.delivery(deliveryId).map(DeliveryRow::attempts).orElse(0);
        } else if (sourceId != null) {
            ledger.markSourceFailed(sourceId, failure.code(), (target == null ? "" : target + ": ")
                    + failure.getMessage());
        }
        metrics.deadLettered(target == null ? "none" : target, failure.code().name(),
                !failure.retryable() && failure.code() != FailureCode.INTERNAL_ERROR);
        failures(exchange).add(new FailureRecord(failure.code().name(), failure.getMessage(), stage, target,
                deliveryId, chunk == null ? null : chunk.index(), attempts, failure.retryable(), failure.targetReply(),
                clock.instant().toString()));
        LOG.warn("{}{} delivery {}: {} at {} after {} attempt(s): {}", exchange.getProperty(ExchangeKeys.SOURCE_NAME),
                target == null ? "" : " -> " + target, deliveryId, failure.code(), stage, attempts,
                failure.getMessage());
        if (target == null) {
            finaliser.process(exchange);
        }
    }

    private static DeliveryState stateFor(UsageBridgeFailure failure) {
        if (failure.code() == FailureCode.DELIVERY_UNCERTAIN) {
            return DeliveryState.UNCERTAIN;
        }
        return failure.retryable() || failure.code() == FailureCode.INTERNAL_ERROR
                ? DeliveryState.FAILED : DeliveryState.REJECTED;
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
