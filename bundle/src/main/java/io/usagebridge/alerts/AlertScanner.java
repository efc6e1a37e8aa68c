package io.usagebridge.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.alerts.ledger.AlertKind;
import io.usagebridge.alerts.ledger.AlertLedger;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.SourceRow;

/**
 * Finds what needs an alert, out of the delivery path: files that ended FAILED, deliveries UNCERTAIN, deliveries a
 * target finished with rows it refused; each not alerted yet, a bounded batch per kind and tick. Conditions older
 * than the look-back (e.g. a ledger's history on the first start with alerts on) raise nothing. The ledger raises
 * each alert once, whichever instance or scan finds it first.
 */
public final class AlertScanner implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(AlertScanner.class);

    private final AlertLedger alerts;
    private final AlertPayloads payloads;
    private final Duration lookBack;
    private final int batch;
    private final Clock clock;

    public AlertScanner(AlertLedger alerts, AlertPayloads payloads, Duration lookBack, int batch, Clock clock) {
        this.alerts = alerts;
        this.payloads = payloads;
        this.lookBack = lookBack;
        this.batch = batch;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        scan();
    }

    /** One scan; returns how many alerts this instance raised. */
    public int scan() {
        Instant since = clock.instant().minus(lookBack);
        int raised = 0;
        for (SourceRow source : alerts.failedSourcesNotAlerted(since, batch)) {
            Optional<DeliveryRow> failed = alerts.deliveriesOf(source.id()).stream()
                    .filter(d -> d.state() != DeliveryState.ACCEPTED).findFirst();
            raised += raise(AlertKind.FILE_FAILED, AlertLedger.sourceSubject(source.id()), source, failed);
        }
        for (DeliveryRow delivery : alerts.uncertainNotAlerted(batch)) {
            raised += raise(AlertKind.DELIVERY_UNCERTAIN, AlertLedger.deliverySubject(delivery),
                    alerts.source(delivery.sourceId()).orElse(null), Optional.of(delivery));
        }
        for (DeliveryRow delivery : alerts.rowsRejectedNotAlerted(since, batch)) {
            raised += raise(AlertKind.ROWS_REJECTED, AlertLedger.deliverySubject(delivery),
                    alerts.source(delivery.sourceId()).orElse(null), Optional.of(delivery));
        }
        return raised;
    }

    private int raise(AlertKind kind, String subject, SourceRow source, Optional<DeliveryRow> delivery) {
        Instant now = clock.instant();
        Optional<SourceRow> file = Optional.ofNullable(source);
        OptionalLong raised = alerts.raise(kind, subject, source == null ? null : source.id(),
                delivery.map(DeliveryRow::id).orElse(null), id -> payloads.body(id, kind, now, file, delivery));
        raised.ifPresent(id -> LOG.info("alert {} raised: {} {}{}", id, kind.wireName(), subject,
                source == null ? "" : " (" + source.name() + ")"));
        return raised.isPresent() ? 1 : 0;
    }
}
