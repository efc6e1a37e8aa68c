package io.usagebridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The running app's API as one console user calls it: HTTP Basic (or no login at all), actions with the user's own
 * X-CSRF-Token from GET /api/session unless a test says otherwise. Redirects are not followed: a test sees the 302
 * to the login page. JSON is preferred, anything else taken (the metrics are text).
 */
public final class ApiUser {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String authorization;
    private String csrfToken;

    private ApiUser(String authorization) {
        this.authorization = authorization;
    }

    public static ApiUser operator() {
        return basic(UsageBridgeTestResource.OPERATOR, UsageBridgeTestResource.OPERATOR_PASSWORD);
    }

    public static ApiUser viewer() {
        return basic(UsageBridgeTestResource.VIEWER, UsageBridgeTestResource.VIEWER_PASSWORD);
    }

    public static ApiUser anonymous() {
        return new ApiUser(null);
    }

    public static ApiUser basic(String user, String password) {
        return new ApiUser("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    public static URI uri(String path) {
        return URI.create("http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port",
                Integer.class) + path);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** GET that must answer 200, read as JSON. */
    public JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return read(response.body());
    }

    /** An action with this user's own CSRF token; {@code body} null: none, else sent as JSON. */
    public HttpResponse<String> post(String path, Object body) {
        return post(path, body, csrfToken());
    }

    /** An action carrying {@code token} as its X-CSRF-Token, or no such header when null. */
    public HttpResponse<String> post(String path, Object body, String token) {
        HttpRequest.Builder request = request(path);
        if (token != null) {
            request.header("X-CSRF-Token", token);
        }
        try {
            request.header("Content-Type", "application/json").POST(body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(request);
    }

    public String csrfToken() {
        if (csrfToken == null) {
            csrfToken = json("/api/session").path("csrfToken").asText();
        }
        return csrfToken;
    }

    public static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, */*;q=0.5");
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    /** Any request, as built (a form login, a cookie), redirects not followed. */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
