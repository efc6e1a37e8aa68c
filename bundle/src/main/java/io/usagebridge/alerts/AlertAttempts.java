package io.usagebridge.alerts;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.alerts.ledger.AlertLedger;
import io.usagebridge.alerts.ledger.AlertRow;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * The outcome of one attempt to send an alert on its channel, written to the ledger, counted and logged the same way
 * for every channel: sent; to try again after the policy's backoff; or given up (refused for good, or the attempts
 * spent). A transition refused by the ledger (the lease was lost) changes nothing here.
 */
public final class AlertAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(AlertAttempts.class);

    private final AlertLedger alerts;
    private final AlertRetryPolicy policy;
    private final UsageBridgeMetrics metrics;
    private final Clock clock;

    public AlertAttempts(AlertLedger alerts, AlertRetryPolicy policy, UsageBridgeMetrics metrics, Clock clock) {
        this.alerts = alerts;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** {@code how}: what the receiver said, for the log (never an address that may carry a token). */
    public void sent(AlertRow alert, String how) {
        if (alerts.markSent(alert)) {
            metrics.alertSent(alert.channel().wireName(), alert.kind());
            LOG.info("alert {} ({}) sent by {}: {} (attempt {})", alert.id(), alert.kind(), alert.channel().wireName(),
                    how, alert.attempts() + 1);
        }
    }

    /** A failure worth another attempt, after {@code retryAfter} when the receiver said (else the backoff). */
    public void retryOrGiveUp(AlertRow alert, Duration retryAfter, String error) {
        int attempt = alert.attempts() + 1;
        if (policy.lastAttempt(attempt)) {
            giveUp(alert, error + " (attempt " + attempt + " of " + policy.maxAttempts() + ")");
            return;
        }
        Duration wait = policy.delayAfter(attempt, retryAfter);
        if (alerts.retryAt(alert, clock.instant().plus(wait), error)) {
            LOG.warn("alert {} ({}) by {}: {}; attempt {} of {}, next in {} ms", alert.id(), alert.kind(),
                    alert.channel().wireName(), error, attempt, policy.maxAttempts(), wait.toMillis());
        }
    }

    public void giveUp(AlertRow alert, String error) {
        if (alerts.giveUp(alert, error)) {
            metrics.alertGivenUp(alert.channel().wireName(), alert.kind());
            LOG.error("alert {} ({}) by {} GAVE_UP after {} attempt(s): {}", alert.id(), alert.kind(),
                    alert.channel().wireName(), alert.attempts() + 1, error);
        }
    }
}
