package io.usagebridge.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** UsageBridge's health and metrics endpoints as a probe and Prometheus see them, from outside Karaf's JVM. */
final class EndpointProbe {

    /** What Prometheus' scraper sends: it gets the 0.0.4 text format. */
    static final String PROMETHEUS_ACCEPT =
            "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    EndpointProbe(int port) {
        this.port = port;
    }

    record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The {@code data} of the named check, or null when the check is absent. */
        JsonNode data(String check) {
            for (JsonNode c : json().get("checks")) {
                if (check.equals(c.get("name").asText())) {
                    return c.get("data");
                }
            }
            return null;
        }
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build());
    }

    Answer scrape() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/q/metrics")).header("Accept", PROMETHEUS_ACCEPT)
                .timeout(Duration.ofSeconds(10)).build());
    }

    /** An answer, or status 0 while nothing listens (the endpoints restart with the context). */
    Answer getOrNothing(String path) throws InterruptedException {
        try {
            return get(path);
        } catch (IOException notListening) {
            return new Answer(0, "");
        }
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
