package io.usagebridge.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.time.Instant;

/** A request as it reached a simulator that needs nothing more of it on arrival: its exchange and when. */
record Arrival(HttpExchange exchange, Instant receivedAt) {

    static Arrival now(HttpExchange exchange) {
        return new Arrival(exchange, Instant.now());
    }
}
