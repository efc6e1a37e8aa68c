package io.usagebridge.sandbox.zuora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Plain {@link HttpClient} calls to the simulator, written the way Zuora's docs show them. */
final class ZuoraTestClient {

    /** Zuora client ids are 36 characters. */
    static final String CLIENT_ID = "8f0e3f3c-52a1-4c5e-9b1c-usagebridge01";
    static final String CLIENT_SECRET = "sandbox-client-secret=+/";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ZuoraRestSimulator simulator;

    ZuoraTestClient(ZuoraRestSimulator simulator) {
        this.simulator = simulator;
    }

    /** A fresh bearer token for the test client. */
    String token() throws IOException, InterruptedException {
        HttpResponse<String> response = postToken(CLIENT_ID, CLIENT_SECRET, "client_credentials");
        assertEquals(200, response.statusCode(), response.body());
        return ResponseJson.text(response.body(), "access_token");
    }

    HttpResponse<String> postToken(String clientId, String clientSecret, String grantType)
            throws IOException, InterruptedException {
        String form = "client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
                + "&grant_type=" + encode(grantType);
        HttpRequest request = HttpRequest.newBuilder(uri(ZuoraRestSimulator.TOKEN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POST of a multipart body; {@code headers} are name, value pairs. */
    HttpResponse<String> post(String path, String token, ZuoraMultipartBody body, String... headers)
            throws IOException, InterruptedException {
        return http.send(postRequest(path, token, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String token, ZuoraMultipartBody body,
                                                      String... headers) {
        return http.sendAsync(postRequest(path, token, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token, String... headers) throws IOException, InterruptedException {
        return http.send(builder(uri(path), token, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path, String token) {
        return http.sendAsync(builder(uri(path), token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(URI uri, String token, String... headers) throws IOException, InterruptedException {
        return http.send(builder(uri, token, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> put(String path, String token) throws IOException, InterruptedException {
        return http.send(builder(uri(path), token).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status a poll of this mass action reports. */
    String bulkStatus(String token, String bulkKey) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/v1/bulk/" + bulkKey, token);
        assertEquals(200, response.statusCode(), response.body());
        return ResponseJson.text(response.body(), "status");
    }

    URI uri(String path) {
        return URI.create(simulator.baseUrl() + path);
    }

    private HttpRequest postRequest(String path, String token, ZuoraMultipartBody body, String... headers) {
        return builder(uri(path), token, headers)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.finish()))
                .build();
    }

    private static HttpRequest.Builder builder(URI uri, String token, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
