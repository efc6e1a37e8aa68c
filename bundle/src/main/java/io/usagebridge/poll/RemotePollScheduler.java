package io.usagebridge.poll;

import java.time.Clock;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.fault.FaultPoints;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.metrics.UsageBridgeMetrics;
import io.usagebridge.plugin.TargetCatalog;

/** After a target took a job: record its remote id and schedule the first status check (state POLLING). */
public final class RemotePollScheduler implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RemotePollScheduler.class);

    private final Ledger ledger;
    private final TargetCatalog catalog;
    private final Clock clock;
    private final UsageBridgeMetrics metrics;
    private final FaultPoints faultPoints;

    public RemotePollScheduler(Ledger ledger, TargetCatalog catalog, Clock clock,
                               UsageBridgeMetrics metrics, FaultPoints faultPoints) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.clock = clock;
        this.metrics = metrics;
        this.faultPoints = faultPoints;
    }

    @Override
    public void process(Exchange exchange) {
        long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        String remoteId = exchange.getProperty(ExchangeKeys.REMOTE_ID, String.class);
        PollTiming timing = PollTiming.of(catalog.target(target));
        metrics.uploadTook(target, io.usagebridge.delivery.AttemptStarter.elapsed(exchange));
        faultPoints.reach(FaultPoints.AFTER_REPLY, "delivery " + deliveryId + " taken by the target as " + remoteId);
        Instant now = clock.instant();
        Integer http = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        ledger.attempts().closeAttempt(deliveryId, "SUBMITTED", http, null,
                exchange.getProperty(ExchangeKeys.REMOTE_RESPONSE, String.class));
        ledger.polls().markPolling(deliveryId, remoteId, exchange.getProperty(ExchangeKeys.REMOTE_RESPONSE, String.class),
                now.plus(timing.initialDelay()), now.plus(timing.timeout()));
        LOG.info("{} -> {} delivery {}: POLLING remote id {}", exchange.getProperty(ExchangeKeys.SOURCE_NAME),
                target, deliveryId, remoteId);
    }
}
