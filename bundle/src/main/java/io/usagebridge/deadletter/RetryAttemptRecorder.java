package io.usagebridge.deadletter;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.ledger.LedgerRepository;
import io.usagebridge.metrics.UsageBridgeMetrics;

/** Runs right before a redelivery: the retry is a new attempt in the ledger. */
public final class RetryAttemptRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryAttemptRecorder.class);

    private final LedgerRepository ledger;
    private final UsageBridgeMetrics metrics;

    public RetryAttemptRecorder(LedgerRepository ledger, UsageBridgeMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        metrics.retried(String.valueOf(exchange.getProperty(ExchangeKeys.TARGET)));
        if (deliveryId != null) {
            int attempt = ledger.recordRetry(deliveryId);
            LOG.info("{} -> {} delivery {}: RETRY (attempt {})", exchange.getProperty(ExchangeKeys.SOURCE_NAME),
                    exchange.getProperty(ExchangeKeys.TARGET), deliveryId, attempt);
        }
    }
}
