package io.usagebridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver stores what matches its MD5s and refuses the rest with a 400 and the reason. */
class HttpMultipartReceiverSimulatorTest {

    private static final byte[] CSV = "account,units\nA1,12\n".getBytes(StandardCharsets.UTF_8);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpMultipartReceiverSimulator receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new HttpMultipartReceiverSimulator();
        receiver.start(0);
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    @Test
    void uploadWithMatchingMd5sIsStoredAndAnsweredWithItsId() throws Exception {
        String md5 = GeneratedContent.md5(CSV);
        HttpResponse<String> response = send(md5, contentMd5(md5), null);

        assertEquals(201, response.statusCode());
        JsonNode answer = new ObjectMapper().readTree(response.body());
        assertEquals("upl-1", answer.get("id").asText());
        HttpMultipartUpload upload = receiver.stored().get(0);
        assertEquals("usage.csv", upload.fileName());
        assertEquals(md5, upload.md5());
        assertArrayEquals(CSV, Files.readAllBytes(upload.file()));
        JsonNode state = SandboxState.of(receiver.baseUrl());
        assertEquals(1, state.get("storedCount").asInt());
        assertEquals(md5, state.get("uploads").get(0).get("md5").asText());
        assertEquals(CSV.length, state.get("uploads").get(0).get("size").asLong());
    }

    @Test
    void md5FieldThatDoesNotMatchTheBytesIsRefusedWithTheReason() throws Exception {
        String wrong = "0".repeat(32);
        HttpResponse<String> response = send(wrong, contentMd5(GeneratedContent.md5(CSV)), null);

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("does not match the bytes received"), response.body());
        assertTrue(receiver.stored().isEmpty());
        assertEquals(400, receiver.received().get(0).status());
    }

    @Test
    void contentMd5ThatDoesNotMatchTheBytesIsRefused() throws Exception {
        String md5 = GeneratedContent.md5(CSV);
        HttpResponse<String> wrongEncoding = send(md5, md5, null); // hex where base64 belongs

        assertEquals(400, wrongEncoding.statusCode());
        assertTrue(wrongEncoding.body().contains("Content-MD5"), wrongEncoding.body());
        assertTrue(receiver.stored().isEmpty());
    }

    @Test
    void requiredTokenMissingOrWrongIsRefusedWith401() throws Exception {
        receiver.requireToken("t0ken-for-tests");
        String md5 = GeneratedContent.md5(CSV);

        assertEquals(401, send(md5, contentMd5(md5), null).statusCode());
        HttpResponse<String> wrong = send(md5, contentMd5(md5), "not-it");
        assertEquals(401, wrong.statusCode());
        assertFalse(wrong.body().contains("t0ken-for-tests"));
        assertEquals(201, send(md5, contentMd5(md5), "t0ken-for-tests").statusCode());
        assertEquals(1, receiver.stored().size());
    }

    @Test
    void serviceUnavailableKnobTellsWhenToComeBack() throws Exception {
        receiver.failNext(1, 503, Duration.ofSeconds(2));
        String md5 = GeneratedContent.md5(CSV);

        HttpResponse<String> busy = send(md5, contentMd5(md5), null);
        assertEquals(503, busy.statusCode());
        assertEquals("2", busy.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(201, send(md5, contentMd5(md5), null).statusCode());
        assertEquals(1, receiver.stored().size());
        assertEquals(2, receiver.requestCount());
    }

    private HttpResponse<String> send(String md5Field, String contentMd5, String token) throws Exception {
        byte[] body = new MultipartBodyWriter().field("md5", md5Field).file("file", "usage.csv", CSV).finish();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.url()))
                .header("Content-Type", MultipartBodyWriter.contentType())
                .header("Content-MD5", contentMd5)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String contentMd5(String hexMd5) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hexMd5));
    }
}
