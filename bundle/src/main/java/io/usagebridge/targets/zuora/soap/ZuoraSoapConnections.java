package io.usagebridge.targets.zuora.soap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;

import io.usagebridge.ExchangeKeys;

/** The Zuora SOAP targets' connections by target id: one session per target; shared routes pick theirs. */
final class ZuoraSoapConnections {

    private final Map<String, ZuoraSoapConnection> byTarget = new ConcurrentHashMap<>();

    ZuoraSoapConnection register(ZuoraSoapConnection connection) {
        byTarget.put(connection.target(), connection);
        return connection;
    }

    ZuoraSoapConnection of(Exchange exchange) {
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        ZuoraSoapConnection connection = byTarget.get(target);
        if (connection == null) {
            throw new IllegalStateException("no Zuora SOAP route is configured for target " + target);
        }
        return connection;
    }
}
