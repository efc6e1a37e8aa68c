package io.usagebridge.app.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The running app's API ({@code /api/deliveries}), with the operator token when one is configured. */
final class ApiLedgerClient implements LedgerClient {

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();

    ApiLedgerClient(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    @Override
    public List<String> uncertain() throws Exception {
        HttpResponse<String> response = http.send(request("/api/deliveries/uncertain").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        check(response);
        List<String> lines = new ArrayList<>();
        for (JsonNode d : json.readTree(response.body())) {
            lines.add(UncertainLine.format(d.path("delivery").asLong(), d.path("target").asText(),
                    d.path("file").asText(null), d.path("code").asText(null), d.path("since").asText(null),
                    d.path("message").asText(null)));
        }
        return lines;
    }

    @Override
    public String resolve(long delivery, String as, String by, String note) throws Exception {
        String body = json.writeValueAsString(java.util.Map.of("as", as, "by", by, "note", note == null ? "" : note));
        HttpResponse<String> response = http.send(request("/api/deliveries/" + delivery + "/resolve")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        check(response);
        JsonNode answer = json.readTree(response.body());
        return "delivery " + delivery + " resolved as " + answer.path("resolution").asText() + " by "
                + answer.path("resolvedBy").asText() + ": now " + answer.path("state").asText()
                + "; the running app moves the original on within seconds";
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the app answered " + response.statusCode() + ": " + response.body());
        }
    }
}
