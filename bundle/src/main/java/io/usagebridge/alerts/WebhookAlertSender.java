package io.usagebridge.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.alerts.ledger.AlertLedger;
import io.usagebridge.alerts.ledger.AlertRow;
import io.usagebridge.deadletter.RetryAfterReader;
import io.usagebridge.metrics.UsageBridgeMetrics;

/**
 * POSTs one alert (taken under this instance's lease) to the webhook: the JSON body with its kind, its id (the
 * receiver's idempotency key: a repeat after a lost answer carries the same one), a timestamp and the HMAC signature.
 * A 2xx is sent; 408, 429, 5xx and connection failures wait in the ledger and are tried again (Retry-After honoured);
 * another 4xx is given up at once (the receiver will not take it), as is an alert whose attempts are spent. The
 * webhook URL is not logged (a URL can carry a token), nor the secret.
 */
public final class WebhookAlertSender implements Processor {

    public static final String EVENT = "X-UsageBridge-Event";
    public static final String DELIVERY = "X-UsageBridge-Delivery";
    public static final String TIMESTAMP = "X-UsageBridge-Timestamp";
    public static final String SIGNATURE = "X-UsageBridge-Signature";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSender.class);

    private final AlertLedger alerts;
    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final WebhookRetryPolicy policy;
    private final RetryAfterReader retryAfter;
    private final UsageBridgeMetrics metrics;
    private final Clock clock;
    private final HttpClient client;

    public WebhookAlertSender(AlertLedger alerts, URI url, String secret, Duration timeout, WebhookRetryPolicy policy,
                              RetryAfterReader retryAfter, UsageBridgeMetrics metrics, Clock clock) {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("alerts.webhook.url must be an http(s) URL");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("alerts.webhook.secret must be set (a reference) when "
                    + "alerts.webhook.url is");
        }
        this.alerts = alerts;
        this.url = url;
        this.secret = secret;
        this.timeout = timeout;
        this.policy = policy;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
        this.clock = clock;
        // no redirect: a signed alert goes where it was configured to, nowhere else
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        send(exchange.getMessage().getMandatoryBody(AlertRow.class));
    }

    /** One attempt; its outcome is written to the ledger. */
    public void send(AlertRow alert) {
        int attempt = alert.attempts() + 1;
        byte[] body = alert.payload().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "UsageBridge")
                .header(EVENT, alert.kind())
                .header(DELIVERY, Long.toString(alert.id()))
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, WebhookSignature.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status;
        Duration wait = null;
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // the answer's body is not needed: closed unread (never drained)
            response.body().close();
            status = response.statusCode();
            wait = response.headers().firstValue("Retry-After").map(retryAfter::parse).orElse(null);
        } catch (IOException e) {
            retryOrGiveUp(alert, attempt, null, "webhook not reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retryOrGiveUp(alert, attempt, null, "interrupted while sending");
            return;
        }
        if (status >= 200 && status < 300) {
            if (alerts.markSent(alert.id())) {
                metrics.alertSent(alert.kind());
                LOG.info("alert {} ({}) sent to the webhook at {}: HTTP {} (attempt {})", alert.id(), alert.kind(),
                        url.getHost(), status, attempt);
            }
        } else if (status == 408 || status == 429 || status >= 500) {
            retryOrGiveUp(alert, attempt, wait, "the webhook answered HTTP " + status);
        } else {
            giveUp(alert, attempt, "the webhook refused it: HTTP " + status);
        }
    }

    private void retryOrGiveUp(AlertRow alert, int attempt, Duration retryAfterWait, String error) {
        if (policy.lastAttempt(attempt)) {
            giveUp(alert, attempt, error + " (attempt " + attempt + " of " + policy.maxAttempts() + ")");
            return;
        }
        Duration wait = policy.delayAfter(attempt, retryAfterWait);
        if (alerts.retryAt(alert.id(), clock.instant().plus(wait), error)) {
            LOG.warn("alert {} ({}): {}; attempt {} of {}, next in {} ms", alert.id(), alert.kind(), error, attempt,
                    policy.maxAttempts(), wait.toMillis());
        }
    }

    private void giveUp(AlertRow alert, int attempt, String error) {
        if (alerts.giveUp(alert.id(), error)) {
            metrics.alertGivenUp(alert.kind());
            LOG.error("alert {} ({}) GAVE_UP after {} attempt(s): {}", alert.id(), alert.kind(), attempt, error);
        }
    }
}
