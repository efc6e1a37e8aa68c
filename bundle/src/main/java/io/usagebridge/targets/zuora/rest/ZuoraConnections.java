package io.usagebridge.targets.zuora.rest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;

import io.usagebridge.ExchangeKeys;

/** The Zuora REST targets' connections by target id; the shared call and poll routes pick theirs by the exchange's target. */
public final class ZuoraConnections {

    private final Map<String, ZuoraConnection> byTarget = new ConcurrentHashMap<>();

    public ZuoraConnection register(ZuoraConnection connection) {
        byTarget.put(connection.target(), connection);
        return connection;
    }

    public ZuoraConnection of(Exchange exchange) {
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        ZuoraConnection connection = byTarget.get(target);
        if (connection == null) {
            throw new IllegalStateException("no Zuora REST route is configured for target " + target);
        }
        return connection;
    }
}
