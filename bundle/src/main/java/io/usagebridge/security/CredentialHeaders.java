package io.usagebridge.security;

import org.apache.camel.Exchange;

/**
 * The message headers that carry a credential to a target: {@code Authorization} (a bearer token, Basic) and
 * {@code Proxy-Authorization}. camel-http sends them from the message, so they live there for the call; once a call
 * failed they are dropped before anything else sees the exchange, so no failure log, dump or record can show them.
 */
public final class CredentialHeaders {

    /** Header names, matched whatever their case. */
    public static final String PATTERN = "(?i)(proxy-)?authorization";

    private CredentialHeaders() {
    }

    public static void remove(Exchange exchange) {
        exchange.getMessage().removeHeaders(PATTERN);
    }
}
