package io.usagebridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads a simulator's state endpoint as a process outside the JVM would: plain HTTP, its own JSON parser. */
public final class SandboxState {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SandboxState() {
    }

    /** {@code GET <baseUrl>/__sandbox/state}, which must answer 200 JSON. */
    public static JsonNode of(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/__sandbox/state")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200
                || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            throw new AssertionError("state answered " + response.statusCode() + ": " + response.body());
        }
        return new ObjectMapper().readTree(response.body());
    }
}
