package io.usagebridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a sandbox simulator received, as it answers it at {@code <base>/__sandbox/state} (SimulatorServer). */
final class SimulatorState {

    static final String PATH = "/__sandbox/state";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatorState() {
    }

    /** {@code base} is the simulator's {@code http://host:port}. */
    static JsonNode read(String base) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + PATH))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the simulator's state at " + base + " answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
