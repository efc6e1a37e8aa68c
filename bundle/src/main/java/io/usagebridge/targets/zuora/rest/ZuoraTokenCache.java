package io.usagebridge.targets.zuora.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.http.ReplyBodies;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * One Zuora OAuth client's bearer token (client credentials), kept until shortly before it expires and fetched
 * again after a 401. The secret is sent only to {@code /oauth/token} and is never logged.
 */
public final class ZuoraTokenCache {

    /** Fetch a new token this long before Zuora says the current one expires. */
    private static final long EXPIRY_MARGIN_SECONDS = 60;

    private final String tokenUri;
    private final String tokenAddress;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private String token;
    private Instant expiresAt = Instant.MIN;

    /** @param endpointOptions more options of the token endpoint, e.g. the target's trust */
    public ZuoraTokenCache(String baseUrl, String endpointOptions, String clientId, String clientSecret, Clock clock) {
        this.tokenAddress = baseUrl + "/oauth/token";
        this.tokenUri = tokenAddress + "?throwExceptionOnFailure=false"
                + (endpointOptions.isEmpty() ? "" : "&" + endpointOptions);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    public synchronized String token(CamelContext context) throws Exception {
        if (token == null || clock.instant().isAfter(expiresAt)) {
            fetch(context);
        }
        return token;
    }

    /** After a 401: the next call fetches a fresh token. */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch(CamelContext context) throws Exception {
        ProducerTemplate producer = context.createProducerTemplate();
        try {
            Exchange reply = producer.send(tokenUri, exchange -> {
                exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                // the address as configured: camel-http makes an endpoint with TLS settings https
                exchange.getMessage().setHeader(Exchange.HTTP_URI, tokenAddress);
                exchange.getMessage().setBody(new UrlEncodedFormEntity(List.of(
                        new BasicNameValuePair("client_id", clientId),
                        new BasicNameValuePair("client_secret", clientSecret),
                        new BasicNameValuePair("grant_type", "client_credentials"))));
            });
            if (reply.getException() != null) {
                throw reply.getException();
            }
            int status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            String body = ReplyBodies.read(reply, "Zuora's token answer");
            if (status >= 500 || status == 429) {
                throw new UsageBridgeFailure(CoreFailureCode.TARGET_UNAVAILABLE, "Zuora's token endpoint answered HTTP "
                        + status, body, true, null, null);
            }
            if (status != 200) {
                throw new UsageBridgeFailure(ZuoraRestFailureCode.ZUORA_AUTH_FAILED, "Zuora refused the OAuth client "
                        + "credentials (HTTP " + status + "): check the client id and secret", body);
            }
            JsonNode answer = json.readTree(body);
            token = answer.path("access_token").asText(null);
            long expiresIn = answer.path("expires_in").asLong(3600);
            expiresAt = clock.instant().plusSeconds(Math.max(0, expiresIn - EXPIRY_MARGIN_SECONDS));
            if (token == null) {
                throw new UsageBridgeFailure(ZuoraRestFailureCode.ZUORA_AUTH_FAILED,
                        "Zuora's token answer has no access_token");
            }
        } finally {
            producer.stop();
        }
    }

    @Override
    public String toString() {
        return "ZuoraTokenCache[client=" + clientId + "]";
    }
}
