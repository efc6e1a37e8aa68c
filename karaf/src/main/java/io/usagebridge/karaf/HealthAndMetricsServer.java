package io.usagebridge.karaf;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;

/**
 * The Quarkus app's health and metrics paths on Karaf, served by the JDK's own HTTP server: Karaf 4.4.10 does not
 * ship its {@code http} feature's bundles (pax-web, Jetty) in system/ and cannot download them here, while
 * {@code com.sun.*} is boot-delegated to every bundle. {@code /q/health/ready}, {@code /q/health/live},
 * {@code /q/health/started} and {@code /q/health} answer MicroProfile Health JSON, 200 when UP and 503 when DOWN;
 * {@code /q/metrics} the bundle's meters as Prometheus text or OpenMetrics.
 */
final class HealthAndMetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthAndMetricsServer.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final String JSON = "application/json;charset=UTF-8";
    private static final String TEXT = "text/plain;charset=UTF-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final HealthGroups health;
    private final PrometheusMeterRegistry meters;

    private HealthAndMetricsServer(HttpServer server, ExecutorService executor, HealthGroups health,
            PrometheusMeterRegistry meters) {
        this.server = server;
        this.executor = executor;
        this.health = health;
        this.meters = meters;
    }

    static HealthAndMetricsServer start(HttpEndpointSettings settings, HealthGroups health,
            PrometheusMeterRegistry meters) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        } catch (BindException e) {
            throw new IOException("health and metrics cannot listen on " + settings.host() + ":" + settings.port()
                    + " (" + e.getMessage() + "): set health.http.port, or health.http.enabled = false", e);
        }
        ClassLoader bundleLoader = HealthAndMetricsServer.class.getClassLoader();
        // two threads: probes and a scrape are short, and a slow target check must not hold up liveness
        ExecutorService executor = Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "usagebridge-health-http-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(bundleLoader);
            return thread;
        });
        HealthAndMetricsServer endpoints = new HealthAndMetricsServer(server, executor, health, meters);
        server.createContext("/", endpoints::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("Health and metrics on http://{}:{}/q/health and /q/metrics", settings.host(), endpoints.port());
        return endpoints;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            // every body is made before its headers are sent, so the client still gets a status
            LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            respond(exchange, 500, TEXT, () -> (e + "\n").getBytes(StandardCharsets.UTF_8));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, TEXT, () -> "GET or HEAD only\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        switch (path) {
            case "/q/health" -> health(exchange, health.all());
            case "/q/health/ready" -> health(exchange, health.readiness());
            case "/q/health/live" -> health(exchange, health.liveness());
            case "/q/health/started" -> health(exchange, health.started());
            case "/q/metrics" -> metrics(exchange);
            default -> respond(exchange, 404, TEXT, () -> ("no " + path + "; try /q/health, /q/health/ready, "
                    + "/q/health/live, /q/health/started, /q/metrics\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The format Quarkus' /q/metrics picks for the same request: Prometheus text 0.0.4 when the client accepts
     * text/plain (Prometheus' scraper does) or text/html (a browser), OpenMetrics otherwise (curl's {@code *}/*).
     */
    private void metrics(HttpExchange exchange) throws IOException {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        String format = accept != null && (accept.contains("text/plain") || accept.contains("text/html"))
                ? TextFormat.CONTENT_TYPE_004 : TextFormat.CONTENT_TYPE_OPENMETRICS_100;
        respond(exchange, 200, format, () -> meters.scrape(format).getBytes(StandardCharsets.UTF_8));
    }

    private static void health(HttpExchange exchange, HealthReport report) throws IOException {
        respond(exchange, report.up() ? 200 : 503, JSON, () -> MicroProfileHealthJson.write(report));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, Supplier<byte[]> body)
            throws IOException {
        byte[] bytes = body.get();
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
