package io.usagebridge.karaf;

import java.util.Properties;

/**
 * Where the health and metrics endpoints listen on Karaf ({@code health.http.*} of etc/io.usagebridge.cfg). The
 * default port is the Quarkus app's, so probes and scrape configurations carry over; all interfaces by default,
 * as probes and Prometheus come from outside the container.
 *
 * @param enabled whether the endpoints are served at all
 * @param host    the address to bind, {@code 0.0.0.0} for every interface
 * @param port    the TCP port; 0 picks a free one (tests)
 */
record HttpEndpointSettings(boolean enabled, String host, int port) {

    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_HOST = "0.0.0.0";

    static HttpEndpointSettings from(Properties keys) {
        return new HttpEndpointSettings(
                Boolean.parseBoolean(keys.getProperty("health.http.enabled", "true").trim()),
                keys.getProperty("health.http.host", DEFAULT_HOST).trim(),
                Integer.parseInt(keys.getProperty("health.http.port", String.valueOf(DEFAULT_PORT)).trim()));
    }
}
