package io.usagebridge.targets.zuora.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.security.UrlAllowList;

/**
 * Sets the headers of one Zuora call, on every (re)delivery: a valid bearer token, the delivery's Idempotency-Key
 * and Zuora-Track-Id, and the entity/org scope. Everything else is cleared, so nothing an earlier step left can reach
 * Zuora. Every address passes the target's allow-list first (a status path or an outputURL comes from Zuora's
 * answer): one off the list (another host or port, plain http) is refused here, before any byte or the token goes.
 */
public final class ZuoraRequestHeaders implements Processor {

    static final String AUTHORIZATION = "Authorization";
    static final String TRACK_ID = "Zuora-Track-Id";

    private final ZuoraTokenCache tokens;
    private final UrlAllowList allowList;
    private final String entityIds;
    private final String orgIds;

    public ZuoraRequestHeaders(ZuoraTokenCache tokens, UrlAllowList allowList, String entityIds, String orgIds) {
        this.tokens = tokens;
        this.allowList = allowList;
        this.entityIds = entityIds;
        this.orgIds = orgIds;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String uri = exchange.getProperty(ExchangeKeys.REQUEST_URI, String.class);
        String method = exchange.getProperty(ExchangeKeys.REQUEST_METHOD, "GET", String.class);
        allowList.check(uri, exchange.getProperty(ZuoraRestRoutes.CALL_PURPOSE, "the address of this Zuora call",
                String.class));
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_URI, uri);
        message.setHeader(Exchange.HTTP_METHOD, method);
        headers(exchange, method, "Bearer " + tokens.token(exchange.getContext())).forEach(message::setHeader);
    }

    /**
     * The headers of one call, in the order they are set: the send sets these, a dry run's preview tells them (with
     * a placeholder for the token it does not fetch).
     */
    Map<String, String> headers(Exchange exchange, String method, String authorization) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put(AUTHORIZATION, authorization);
        Long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        if (deliveryId != null) {
            headers.put(TRACK_ID, trackId(deliveryId));
        }
        if ("POST".equals(method)) {
            headers.put("Idempotency-Key", idempotencyKey(exchange));
        }
        if (entityIds != null && !entityIds.isBlank()) {
            headers.put("Zuora-Entity-Ids", entityIds);
        }
        if (orgIds != null && !orgIds.isBlank()) {
            headers.put("Zuora-Org-Ids", orgIds);
        }
        return headers;
    }

    /** US-ASCII, under 64 characters, none of the characters Zuora forbids: the ledger's delivery id. */
    static String trackId(long deliveryId) {
        return "usagebridge-delivery-" + deliveryId;
    }

    /**
     * The same for every retry of one delivery (content, target, chunk, key generation) and different for any other,
     * so a retry after a timeout never creates a second job. The generation grows for a deliberate new send (a
     * replay after a remote failure, an operator's resend, changed bytes): Zuora keeps a key's answer for 24 h, and
     * the old key would only replay the old answer.
     */
    static String idempotencyKey(Exchange exchange) throws Exception {
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        int generation = exchange.getProperty(ExchangeKeys.KEY_GENERATION, 0, Integer.class);
        String basis = exchange.getProperty(ExchangeKeys.SHA256, String.class) + ":"
                + exchange.getProperty(ExchangeKeys.TARGET, String.class) + ":" + chunk.index()
                + (generation == 0 ? "" : ":" + generation);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(basis.getBytes(StandardCharsets.UTF_8)));
    }
}
