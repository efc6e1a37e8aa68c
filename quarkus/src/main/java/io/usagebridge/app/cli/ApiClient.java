package io.usagebridge.app.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The running app's API, logged in with HTTP Basic; actions carry the user's CSRF token from /api/session. */
final class ApiClient {

    private final URI base;
    private final ApiCredentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String csrfToken;

    ApiClient(URI base, ApiCredentials credentials) {
        this.base = base;
        this.credentials = credentials;
    }

    /** Reaches the app's liveness endpoint (open to all); a refused connection says no app runs there. */
    static void probe(URI base) throws Exception {
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(HttpRequest.newBuilder(
                base.resolve("/q/health/live")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    JsonNode get(String path) throws Exception {
        return answer(http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode post(String path, Object body) throws Exception {
        if (csrfToken == null) {
            csrfToken = get("/api/session").path("csrfToken").asText();
        }
        HttpRequest.Builder request = request(path).header("X-CSRF-Token", csrfToken);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Authorization", credentials.basicHeader());
    }

    private JsonNode answer(HttpResponse<String> response) throws Exception {
        if (response.statusCode() == 401) {
            throw new IllegalStateException("the app refused the login of " + credentials.user());
        }
        if (response.statusCode() / 100 != 2) {
            JsonNode problem = response.body().isBlank() ? null : tryRead(response.body());
            String why = problem != null && problem.has("message") ? problem.path("error").asText() + ": "
                    + problem.path("message").asText() : response.body();
            throw new IllegalStateException("the app answered " + response.statusCode()
                    + (response.statusCode() == 403 ? " (this user may not do that)" : "") + ": " + why);
        }
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }

    private JsonNode tryRead(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
