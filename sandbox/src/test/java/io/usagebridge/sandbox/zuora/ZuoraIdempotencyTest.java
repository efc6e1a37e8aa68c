package io.usagebridge.sandbox.zuora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ZuoraIdempotencyTest extends ZuoraSimulatorFixture {

    private static final String KEY = "usagebridge-5a1c-AccountingCodes.csv-attempt";

    @Test
    void retryWithSameKeyAndContentReplaysTheFirstAnswer() throws Exception {
        String token = client.token();
        ZuoraMultipartBody first = body(ACCOUNTING_CODES);
        ZuoraMultipartBody retry = body(ACCOUNTING_CODES);
        assertNotEquals(first.contentType(), retry.contentType(), "a retried request has a new boundary");

        HttpResponse<String> original = client.post("/v1/bulk", token, first, "Idempotency-Key", KEY);
        HttpResponse<String> replayed = client.post("/v1/bulk", token, retry, "Idempotency-Key", KEY);

        assertEquals(200, replayed.statusCode());
        assertEquals(ResponseJson.text(original.body(), "bulkKey"), ResponseJson.text(replayed.body(), "bulkKey"));
        assertEquals(1, simulator.jobCount());
        assertTrue(simulator.requests().get(2).replayed());
    }

    @Test
    void failedAnswersAreReplayedToo() throws Exception {
        String token = client.token();
        ZuoraMultipartBody bad = ZuoraMultipartBody.bulk("a.csv", ACCOUNTING_CODES, params("Usage", null));
        HttpResponse<String> first = client.post("/v1/bulk", token, bad, "Idempotency-Key", KEY);

        HttpResponse<String> again = client.post("/v1/bulk", token,
                ZuoraMultipartBody.bulk("a.csv", ACCOUNTING_CODES, params("Usage", null)), "Idempotency-Key", KEY);

        assertEquals(400, again.statusCode());
        assertEquals(ResponseJson.text(first.body(), "processId"), ResponseJson.text(again.body(), "processId"));
    }

    @Test
    void sameKeyWithAnotherFileGets422() throws Exception {
        String token = client.token();
        client.post("/v1/bulk", token, body(ACCOUNTING_CODES), "Idempotency-Key", KEY);
        byte[] other = "Name,Type,Status,Notes\r\nCash,Cash,Inactive,\r\n".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = client.post("/v1/bulk", token, body(other), "Idempotency-Key", KEY);

        assertEquals(422, response.statusCode());
        assertEquals(false, ResponseJson.bool(response.body(), "success"));
        assertEquals(1, simulator.jobCount());
    }

    @Test
    void sameKeyWhileTheFirstIsInFlightGets409() throws Exception {
        String token = client.token();
        simulator.delayNext(1, Duration.ofMinutes(1));
        CompletableFuture<HttpResponse<String>> held =
                client.postAsync("/v1/bulk", token, body(ACCOUNTING_CODES), "Idempotency-Key", KEY);
        assertTrue(simulator.awaitDelayed(1, Duration.ofSeconds(10)), "the first request is being held");

        HttpResponse<String> concurrent = client.post("/v1/bulk", token, body(ACCOUNTING_CODES),
                "Idempotency-Key", KEY);

        assertEquals(409, concurrent.statusCode());
        assertEquals(ZuoraRestSimulator.CODE_LOCKING_CONTENTION, ResponseJson.number(concurrent.body(), "code"));
        simulator.releaseDelayed();
        HttpResponse<String> first = held.get(10, TimeUnit.SECONDS);
        assertEquals(200, first.statusCode());
        HttpResponse<String> after = client.post("/v1/bulk", token, body(ACCOUNTING_CODES), "Idempotency-Key", KEY);
        assertEquals(ResponseJson.text(first.body(), "bulkKey"), ResponseJson.text(after.body(), "bulkKey"));
        assertEquals(1, simulator.jobCount());
    }

    @Test
    void keyIsForgotten24HoursAfterItWasSet() throws Exception {
        String token = client.token();
        String firstKey = ResponseJson.text(
                client.post("/v1/bulk", token, body(ACCOUNTING_CODES), "Idempotency-Key", KEY).body(), "bulkKey");

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        token = client.token();
        String replayed = ResponseJson.text(
                client.post("/v1/bulk", token, body(ACCOUNTING_CODES), "Idempotency-Key", KEY).body(), "bulkKey");
        clock.advance(Duration.ofSeconds(1));
        String fresh = ResponseJson.text(
                client.post("/v1/bulk", token, body(ACCOUNTING_CODES), "Idempotency-Key", KEY).body(), "bulkKey");

        assertEquals(firstKey, replayed);
        assertNotEquals(firstKey, fresh);
        assertEquals(2, simulator.jobCount());
    }

    @Test
    void answerLostAfterCommitThenRetryWithSameKeyMakesOneJob() throws Exception {
        String token = client.token();
        simulator.dropResponseAfterCommitNext(1);

        assertThrows(IOException.class,
                () -> client.post("/v1/bulk", token, body(ACCOUNTING_CODES), "Idempotency-Key", KEY));
        assertEquals(1, simulator.jobCount(), "the request took effect although no answer came");
        ZuoraRestRequest lost = simulator.requests().get(1);
        assertFalse(lost.answered());
        assertEquals(200, lost.status());

        HttpResponse<String> retry = client.post("/v1/bulk", token, body(ACCOUNTING_CODES), "Idempotency-Key", KEY);

        assertEquals(200, retry.statusCode());
        assertEquals(simulator.jobs().get(0).key(), ResponseJson.text(retry.body(), "bulkKey"));
        assertEquals(1, simulator.jobCount());
    }

    @Test
    void usageUploadHonoursTheKeyToo() throws Exception {
        String token = client.token();
        List<String> paths = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            paths.add(ResponseJson.text(client.post("/v1/usage", token,
                    ZuoraMultipartBody.usage("usage.csv", ZUORA_SAMPLE_USAGE), "Idempotency-Key", KEY).body(),
                    "checkImportStatus"));
        }

        assertEquals(paths.get(0), paths.get(1));
        assertEquals(1, simulator.jobCount());
    }

    @Test
    void keyLongerThan255CharactersGets400() throws Exception {
        HttpResponse<String> response = client.post("/v1/bulk", client.token(), body(ACCOUNTING_CODES),
                "Idempotency-Key", "k".repeat(256));

        assertEquals(400, response.statusCode());
        assertEquals(0, simulator.jobCount());
        assertEquals(200, client.post("/v1/bulk", client.token(), body(ACCOUNTING_CODES),
                "Idempotency-Key", "k".repeat(255)).statusCode());
    }

    private static ZuoraMultipartBody body(byte[] csv) {
        return ZuoraMultipartBody.bulk("AccountingCodes.csv", csv, params("UpdateAccountingCode", null));
    }
}
