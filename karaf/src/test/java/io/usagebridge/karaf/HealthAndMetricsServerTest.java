package io.usagebridge.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.usagebridge.health.HealthStatus;

/** The paths, status codes and body shapes of the Karaf endpoints, without a Karaf (KarafBootIT runs them there). */
class HealthAndMetricsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private PrometheusMeterRegistry meters;
    private HealthAndMetricsServer server;

    @BeforeEach
    void startWithNoContextYet() throws Exception {
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = HealthAndMetricsServer.start(new HttpEndpointSettings(true, "127.0.0.1", 0),
                new HealthGroups(() -> null), meters);
    }

    @AfterEach
    void stop() {
        server.close();
        meters.close();
    }

    @Test
    void beforeTheContextStartsEveryGroupIsDownWithItsChecksNamed() throws Exception {
        HttpResponse<String> ready = get("/q/health/ready");
        assertEquals(503, ready.statusCode());
        assertTrue(ready.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = json.readTree(ready.body());
        assertEquals("DOWN", body.get("status").asText());
        assertEquals(List.of("ledger", "targets"), names(body));
        assertEquals(HealthGroups.NOT_STARTED, body.get("checks").get(0).get("data").get("error").asText());

        assertEquals(List.of("intake"), names(json.readTree(get("/q/health/live").body())));
        assertEquals(List.of("usagebridge"), names(json.readTree(get("/q/health/started").body())));
        assertEquals(List.of("usagebridge", "intake", "ledger", "targets"),
                names(json.readTree(get("/q/health/").body())), "all groups, a trailing slash too");
    }

    @Test
    void metricsAreTheRegistrysMetersInTheFormatQuarkusPicksForTheRequest() throws Exception {
        Counter.builder("usagebridge.deliveries.accepted").tag("target", "twocheckout").register(meters).increment();

        HttpResponse<String> scraper = http.send(HttpRequest.newBuilder(uri("/q/metrics"))
                .header("Accept", "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraper.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", scraper.headers().firstValue("Content-Type")
                .orElse(""));
        assertTrue(scraper.body().contains("usagebridge_deliveries_accepted_total{target=\"twocheckout\",} 1.0"),
                scraper.body());

        HttpResponse<String> plain = get("/q/metrics");
        assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(plain.body().contains("usagebridge_deliveries_accepted_total{target=\"twocheckout\"} 1.0"),
                plain.body());
        assertTrue(plain.body().endsWith("# EOF\n"), plain.body());
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertEquals(404, get("/q/openapi").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/q/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void aTakenPortFailsTheStartNamingTheKeyToChange() {
        IOException taken = assertThrows(IOException.class, () -> HealthAndMetricsServer.start(
                new HttpEndpointSettings(true, "127.0.0.1", server.port()), new HealthGroups(() -> null), meters));
        assertTrue(taken.getMessage().contains("health.http.port"), taken.getMessage());
    }

    @Test
    void checksWithoutDetailsHaveNoDataAsInMicroProfileHealth() throws Exception {
        JsonNode body = json.readTree(MicroProfileHealthJson.write(new HealthReport(List.of(
                new HealthStatus("plain", true, Map.of()), new HealthStatus("ledger", true,
                        Map.of("database", "reachable"))))));
        assertEquals("UP", body.get("status").asText());
        assertTrue(body.get("checks").get(0).get("data") == null, body.toString());
        assertEquals("reachable", body.get("checks").get(1).get("data").get("database").asText());
    }

    private static List<String> names(JsonNode body) {
        return body.get("checks").findValuesAsText("name");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
