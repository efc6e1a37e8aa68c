package io.usagebridge.targets.insights;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;

import io.usagebridge.ExchangeKeys;

/** The insights-batch targets' connections by target id; the shared upload route picks one by the exchange's target. */
public final class InsightsConnections {

    private final Map<String, InsightsConnection> byTarget = new ConcurrentHashMap<>();

    public InsightsConnection register(InsightsConnection connection) {
        byTarget.put(connection.target(), connection);
        return connection;
    }

    public InsightsConnection of(Exchange exchange) {
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        InsightsConnection connection = byTarget.get(target);
        if (connection == null) {
            throw new IllegalStateException("no insights-batch route is configured for target " + target);
        }
        return connection;
    }
}
