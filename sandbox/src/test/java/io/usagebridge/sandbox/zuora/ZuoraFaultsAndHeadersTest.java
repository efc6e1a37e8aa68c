package io.usagebridge.sandbox.zuora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ZuoraFaultsAndHeadersTest extends ZuoraSimulatorFixture {

    @Test
    void rateLimitAnswers429WithRetryAfterSecondsThenLetsRequestsThrough() throws Exception {
        String token = client.token();
        simulator.rateLimitNext(2, Duration.ofMillis(1500));

        HttpResponse<String> limited = client.post("/v1/bulk", token,
                ZuoraMultipartBody.bulk("a.csv", ACCOUNTING_CODES, params("UpdateAccountingCode", null)));

        assertEquals(429, limited.statusCode());
        assertEquals("2", limited.headers().firstValue("Retry-After").orElseThrow(), "whole seconds, rounded up");
        assertEquals("0", limited.headers().firstValue("ratelimit-remaining").orElseThrow());
        assertEquals(ZuoraRestSimulator.CODE_REQUEST_LIMIT, ResponseJson.number(limited.body(), "code"));
        assertEquals(0, simulator.jobCount());
        client.token(); // token requests do not use up the 429s
        assertEquals(429, client.get("/v1/bulk/" + "0".repeat(32), token).statusCode());
        postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));
        assertEquals(1, simulator.jobCount());
    }

    @Test
    void retryAfterCanBeAnHttpDateFromTheSimulatorClock() throws Exception {
        String token = client.token();
        simulator.useHttpDateRetryAfter(true);
        simulator.rateLimitNext(1, Duration.ofSeconds(90));

        HttpResponse<String> limited = client.get("/v1/bulk/" + "0".repeat(32), token);

        assertEquals(429, limited.statusCode());
        assertEquals("Wed, 01 May 2024 10:01:30 GMT", limited.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void failNextAnswersTheStatusWithoutProcessing() throws Exception {
        String token = client.token();
        simulator.failNext(2, 503);

        HttpResponse<String> first = client.post("/v1/bulk", token,
                ZuoraMultipartBody.bulk("a.csv", ACCOUNTING_CODES, params("UpdateAccountingCode", null)));

        assertEquals(503, first.statusCode());
        assertEquals(ZuoraRestSimulator.CODE_TEMPORARY_ERROR, ResponseJson.number(first.body(), "code"));
        assertEquals(503, client.get("/v1/bulk/" + "0".repeat(32), token).statusCode());
        postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));
        assertEquals(1, simulator.jobCount());
        assertEquals(4, simulator.requests().size(), "token, two failures, the accepted upload");
    }

    @Test
    void dropNextClosesTheConnectionAndCreatesNoJob() throws Exception {
        String token = client.token();
        simulator.dropNext(1);

        assertThrows(IOException.class, () -> client.post("/v1/bulk", token,
                ZuoraMultipartBody.bulk("a.csv", ACCOUNTING_CODES, params("UpdateAccountingCode", null))));

        assertEquals(0, simulator.jobCount());
        ZuoraRestRequest dropped = simulator.requests().get(1);
        assertEquals(0, dropped.status());
        assertFalse(dropped.answered());
    }

    @Test
    void largeAnswerIsGzippedWhenAccepted() throws Exception {
        String token = client.token();
        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));

        HttpResponse<String> small = client.get("/v1/bulk/" + bulkKey, token, "Accept-Encoding", "gzip");
        assertTrue(small.headers().firstValue("Content-Encoding").isEmpty(), "under 1000 bytes stays plain");
        assertEquals("Pending", ResponseJson.text(small.body(), "status"));

        simulator.setGzipThreshold(100);
        HttpResponse<byte[]> gzipped = client.getBytes(client.uri("/v1/bulk/" + bulkKey), token,
                "Accept-Encoding", "gzip, deflate");

        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
        String json = gunzip(gzipped.body());
        assertEquals("Processing", ResponseJson.text(json, "status"));
        HttpResponse<String> plain = client.get("/v1/bulk/" + bulkKey, token);
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "only when the client accepts gzip");
    }

    @Test
    void trackIdIsEchoedAndRecorded() throws Exception {
        String token = client.token();

        HttpResponse<String> response = client.get("/v1/bulk/" + "0".repeat(32), token,
                "Zuora-Track-Id", "usagebridge/ledger-17");

        assertEquals("usagebridge/ledger-17", response.headers().firstValue("Zuora-Track-Id").orElseThrow());
        assertTrue(response.headers().firstValue("Zuora-Request-Id").isPresent());
        assertEquals("usagebridge/ledger-17", simulator.requests().get(1).trackId());
    }

    @Test
    void invalidTrackIdGets400() throws Exception {
        String token = client.token();

        for (String bad : new String[] {"a:b", "a;b", "a\"b", "a'b", "x".repeat(65)}) {
            HttpResponse<String> response = client.get("/v1/bulk/" + "0".repeat(32), token, "Zuora-Track-Id", bad);
            assertEquals(400, response.statusCode(), bad);
            assertTrue(response.headers().firstValue("Zuora-Track-Id").isEmpty());
        }
        assertEquals(404, client.get("/v1/bulk/" + "0".repeat(32), token, "Zuora-Track-Id", "x".repeat(64))
                .statusCode());
    }

    @Test
    void gzippedRequestBodyIsAccepted() throws Exception {
        // Zuora un-gzips a request sent with Content-Encoding: gzip
        ZuoraMultipartBody body = ZuoraMultipartBody.bulk("a.csv", ACCOUNTING_CODES, params("MPU", null));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(body.finish());
        }
        HttpRequest request = HttpRequest.newBuilder(client.uri("/v1/bulk"))
                .header("Authorization", "Bearer " + client.token())
                .header("Content-Type", body.contentType())
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray()))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(md5(ACCOUNTING_CODES), simulator.jobs().get(0).fileMd5());
    }

    @Test
    void resetForgetsJobsKeysAndKnobsButKeepsClients() throws Exception {
        String token = client.token();
        postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null), "Idempotency-Key", "k");
        simulator.failNext(5, 500);
        simulator.setPollsToComplete(1);

        simulator.reset();

        assertEquals(0, simulator.jobCount());
        assertEquals(0, simulator.requests().size());
        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null),
                "Idempotency-Key", "k");
        assertEquals(1, simulator.jobCount(), "the key was forgotten: a new job");
        assertEquals("Pending", client.bulkStatus(token, bulkKey));
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
