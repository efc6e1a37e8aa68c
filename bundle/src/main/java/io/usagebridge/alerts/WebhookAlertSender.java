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

import io.usagebridge.alerts.ledger.AlertRow;
import io.usagebridge.deadletter.RetryAfterReader;

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

    private final AlertAttempts attempts;
    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final RetryAfterReader retryAfter;
    private final Clock clock;
    private final HttpClient client;

    public WebhookAlertSender(AlertAttempts attempts, URI url, String secret, Duration timeout,
                              RetryAfterReader retryAfter, Clock clock) {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("alerts.webhook.url must be an http(s) URL");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("alerts.webhook.secret must be set (a reference) when "
                    + "alerts.webhook.url is");
        }
        this.attempts = attempts;
        this.url = url;
        this.secret = secret;
        this.timeout = timeout;
        this.retryAfter = retryAfter;
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
            attempts.retryOrGiveUp(alert, null, "webhook not reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempts.retryOrGiveUp(alert, null, "interrupted while sending");
            return;
        }
        if (status >= 200 && status < 300) {
            attempts.sent(alert, "HTTP " + status + " from " + url.getHost());
        } else if (status == 408 || status == 429 || status >= 500) {
            attempts.retryOrGiveUp(alert, wait, "the webhook answered HTTP " + status);
        } else {
            attempts.giveUp(alert, "the webhook refused it: HTTP " + status);
        }
    }
}
