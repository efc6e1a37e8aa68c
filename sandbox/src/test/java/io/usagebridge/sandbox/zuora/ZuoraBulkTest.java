package io.usagebridge.sandbox.zuora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZuoraBulkTest extends ZuoraSimulatorFixture {

    @Test
    void massActionGoesPendingProcessingCompletedWithCountsAsStrings() throws Exception {
        String token = client.token();
        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", md5(ACCOUNTING_CODES)));

        assertTrue(bulkKey.matches("[0-9a-f]{32}"), bulkKey);
        assertEquals("Pending", simulator.job(bulkKey).orElseThrow().status());
        String pending = client.get("/v1/bulk/" + bulkKey, token).body();
        assertEquals("Pending", ResponseJson.text(pending, "status"));
        assertTrue(ResponseJson.isNull(pending, "totalCount"), pending);
        assertTrue(ResponseJson.isNull(pending, "outputURL"), pending);

        clock.advance(Duration.ofMinutes(1));
        String processing = client.get("/v1/bulk/" + bulkKey, token).body();
        assertEquals("Processing", ResponseJson.text(processing, "status"));
        assertEquals("2", ResponseJson.text(processing, "processedCount"));
        assertEquals("2024-05-01 10:01:00", ResponseJson.text(processing, "startedOn"));

        clock.advance(Duration.ofMinutes(1));
        String completed = client.get("/v1/bulk/" + bulkKey, token).body();
        assertEquals("Completed", ResponseJson.text(completed, "status"));
        assertEquals(true, ResponseJson.bool(completed, "success"));
        assertEquals("UpdateAccountingCode", ResponseJson.text(completed, "actionType"));
        assertEquals("4", ResponseJson.text(completed, "totalCount"));
        assertEquals("4", ResponseJson.text(completed, "processedCount"));
        assertEquals("4", ResponseJson.text(completed, "successCount"));
        assertEquals("0", ResponseJson.text(completed, "errorCount"));
        assertEquals(ACCOUNTING_CODES.length, ResponseJson.number(completed, "inputSize"));
        assertTrue(ResponseJson.number(completed, "outputSize") > 0, completed);
        assertEquals("(url:.csv.zip)", ResponseJson.text(completed, "outputType"));
        assertTrue(ResponseJson.text(completed, "outputURL").startsWith(simulator.baseUrl() + "/v1/files/"));
        assertEquals("2024-05-01 10:00:00", ResponseJson.text(completed, "uploadedOn"));
        assertEquals("2024-05-01 10:02:00", ResponseJson.text(completed, "endedOn"));
        assertEquals("Completed", simulator.job(bulkKey).orElseThrow().status());
        assertEquals("Completed", client.bulkStatus(token, bulkKey), "a final status stays");
    }

    @Test
    void outputUrlNamesAnotherHostWhenToldUntilReset() throws Exception {
        String token = client.token();
        simulator.setPollsToComplete(1);
        simulator.answerOutputUrlsOn("http://other-host.example.com");
        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));
        String outputUrl = ResponseJson.text(client.get("/v1/bulk/" + bulkKey, token).body(), "outputURL");
        assertTrue(outputUrl.startsWith("http://other-host.example.com/v1/files/"), outputUrl);

        simulator.reset();
        simulator.setPollsToComplete(1);
        String second = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));
        assertTrue(ResponseJson.text(client.get("/v1/bulk/" + second, token).body(), "outputURL")
                .startsWith(simulator.baseUrl() + "/v1/files/"));
    }

    @Test
    void responseFileIsAZippedCsvWithTheRecordsAndASuccessColumn() throws Exception {
        String token = client.token();
        simulator.setPollsToComplete(1);
        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));
        String outputUrl = ResponseJson.text(client.get("/v1/bulk/" + bulkKey, token).body(), "outputURL");

        HttpResponse<byte[]> zip = client.getBytes(URI.create(outputUrl), token);

        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElseThrow());
        Map<String, String> entries = unzip(zip.body());
        assertEquals(List.of("AccountingCodes_response.csv"), List.copyOf(entries.keySet()));
        List<String> lines = entries.values().iterator().next().lines().toList();
        assertEquals("Name,Type,Status,Notes,Success,Error Message", lines.get(0));
        assertEquals("Accounts Receivable,AccountsReceivable,Active,\"trade, domestic\",Y,", lines.get(1));
        assertEquals("Deferred Revenue,DeferredRevenue,Active,\"says \"\"hi\"\"\",Y,", lines.get(3));
        assertEquals(5, lines.size());
        String fileId = outputUrl.substring(outputUrl.lastIndexOf('/') + 1);
        HttpResponse<byte[]> alias = client.getBytes(client.uri("/files/" + fileId + ".zip"), token);
        assertEquals(200, alias.statusCode());
        assertEquals(entries, unzip(alias.body()));
        assertEquals(401, client.getBytes(URI.create(outputUrl), null).statusCode(), "downloads need the token");
    }

    @Test
    void rejectedRecordsAreCountedAndMarkedN() throws Exception {
        String token = client.token();
        simulator.setPollsToComplete(1);
        simulator.rejectRecordsContaining("Cash");
        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));

        String completed = client.get("/v1/bulk/" + bulkKey, token).body();

        assertEquals("Completed", ResponseJson.text(completed, "status"));
        assertEquals("1", ResponseJson.text(completed, "errorCount"));
        assertEquals("3", ResponseJson.text(completed, "successCount"));
        String csv = unzip(client.getBytes(URI.create(ResponseJson.text(completed, "outputURL")), token).body())
                .values().iterator().next();
        assertTrue(csv.contains("Cash,Cash,Active,,N,"), csv);
    }

    @Test
    void checksumMismatchIsRefusedWithZuoraErrorJson() throws Exception {
        HttpResponse<String> response = client.post("/v1/bulk", client.token(), ZuoraMultipartBody.bulk(
                "AccountingCodes.csv", ACCOUNTING_CODES, params("UpdateAccountingCode", "0".repeat(32))));

        assertEquals(400, response.statusCode());
        assertEquals(false, ResponseJson.bool(response.body(), "success"));
        assertEquals(ZuoraRestSimulator.CODE_INVALID_VALUE, ResponseJson.number(response.body(), "code"));
        assertTrue(ResponseJson.text(response.body(), "message").contains("checksum"));
        assertTrue(ResponseJson.text(response.body(), "processId").matches("[0-9A-F]{16}"));
        assertEquals(0, simulator.jobCount());
    }

    @Test
    void usageIsNotAMassActionType() throws Exception {
        HttpResponse<String> response = client.post("/v1/bulk", client.token(),
                ZuoraMultipartBody.bulk("usage.csv", ZUORA_SAMPLE_USAGE, params("Usage", null)));

        assertEquals(400, response.statusCode());
        assertEquals(ZuoraRestSimulator.CODE_INVALID_VALUE, ResponseJson.number(response.body(), "code"));
        assertTrue(ResponseJson.text(response.body(), "message").contains("UpdateAccountingCode"));
        assertEquals(0, simulator.jobCount());
    }

    @Test
    void errorsCanComeAsHttp200WithSuccessFalse() throws Exception {
        simulator.answerErrorsWithHttp200(true);

        HttpResponse<String> response = client.post("/v1/bulk", client.token(),
                ZuoraMultipartBody.bulk("a.csv", ACCOUNTING_CODES, params("Usage", null)));

        assertEquals(200, response.statusCode());
        assertEquals(false, ResponseJson.bool(response.body(), "success"));
    }

    @Test
    void paramsAreReadWhateverTheirSpacingAndKeyOrder() throws Exception {
        String token = client.token();
        String params = "\n{ \"checksum\" :\t\"" + md5(ACCOUNTING_CODES).toUpperCase() + "\" ,\r\n"
                + "  \"actionType\":\"ImportFXRate\" }  ";

        String bulkKey = postBulk(token, ACCOUNTING_CODES, params);

        assertEquals("ImportFXRate", simulator.job(bulkKey).orElseThrow().actionType());
        HttpResponse<String> malformed = client.post("/v1/bulk", token,
                ZuoraMultipartBody.bulk("a.csv", ACCOUNTING_CODES, "{\"actionType\": \"MPU\""));
        assertEquals(400, malformed.statusCode());
        assertEquals(ZuoraRestSimulator.CODE_MALFORMED_REQUEST, ResponseJson.number(malformed.body(), "code"));
    }

    @Test
    void paramsSentAsAFilePartAreAccepted() throws Exception {
        // curl -F "file=@codes.csv" -F "params=@params.json" sends both as file parts
        ZuoraMultipartBody body = new ZuoraMultipartBody()
                .file("file", "codes.csv", ACCOUNTING_CODES)
                .file("params", "params.json", params("MPU", null).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = client.post("/v1/bulk", client.token(), body);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("MPU", simulator.jobs().get(0).actionType());
    }

    @Test
    void recordWithWrongValueCountFailsTheWholeMassAction() throws Exception {
        String token = client.token();
        simulator.setPollsToComplete(2);
        byte[] csv = "Name,Type,Status\r\nCash,Cash,Active\r\nBroken,Row\r\n".getBytes(StandardCharsets.UTF_8);
        String bulkKey = postBulk(token, csv, params("UpdateAccountingCode", null));

        assertEquals("Pending", client.bulkStatus(token, bulkKey));
        String failed = client.get("/v1/bulk/" + bulkKey, token).body();

        assertEquals("Failed", ResponseJson.text(failed, "status"));
        assertTrue(ResponseJson.isNull(failed, "outputURL"), "a failed mass action has no response file");
    }

    @Test
    void emptyFileFailsTheMassAction() throws Exception {
        String token = client.token();
        simulator.setPollsToComplete(1);

        String bulkKey = postBulk(token, new byte[0], params("UpdateAccountingCode", null));

        assertEquals("Failed", client.bulkStatus(token, bulkKey));
    }

    @Test
    void stopWhileProcessingGoesStoppingThenStoppedWithAPartialResponseFile() throws Exception {
        String token = client.token();
        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));
        assertEquals("Pending", client.bulkStatus(token, bulkKey));
        assertEquals("Processing", client.bulkStatus(token, bulkKey));

        HttpResponse<String> stop = client.put("/v1/bulk/" + bulkKey + "/stop", token);

        assertEquals(200, stop.statusCode());
        assertEquals(true, ResponseJson.bool(stop.body(), "success"));
        assertEquals("Stopping", client.bulkStatus(token, bulkKey));
        String stopped = client.get("/v1/bulk/" + bulkKey, token).body();
        assertEquals("Stopped", ResponseJson.text(stopped, "status"));
        assertEquals("2", ResponseJson.text(stopped, "processedCount"));
        String csv = unzip(client.getBytes(URI.create(ResponseJson.text(stopped, "outputURL")), token).body())
                .values().iterator().next();
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(2).endsWith(",Y,"), lines.get(2));
        assertTrue(lines.get(3).endsWith("hi\"\"\",,"), "unprocessed records have a blank Success: " + lines.get(3));
        HttpResponse<String> again = client.put("/v1/bulk/" + bulkKey + "/stop", token);
        assertEquals(400, again.statusCode());
        assertEquals(ZuoraRestSimulator.CODE_RULE_RESTRICTION, ResponseJson.number(again.body(), "code"));
    }

    @Test
    void stopWhilePendingLeavesNoResponseFile() throws Exception {
        String token = client.token();
        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null));

        assertEquals(200, client.put("/v1/bulk/" + bulkKey + "/stop", token).statusCode());
        assertEquals("Stopping", simulator.job(bulkKey).orElseThrow().status());
        client.get("/v1/bulk/" + bulkKey, token);
        String stopped = client.get("/v1/bulk/" + bulkKey, token).body();

        assertEquals("Stopped", ResponseJson.text(stopped, "status"));
        assertTrue(ResponseJson.isNull(stopped, "outputURL"));
        assertTrue(ResponseJson.isNull(stopped, "startedOn"));
    }

    @Test
    void unknownBulkKeyGets404NotFoundCode() throws Exception {
        HttpResponse<String> response = client.get("/v1/bulk/" + "a".repeat(32), client.token());

        assertEquals(404, response.statusCode());
        assertEquals(ZuoraRestSimulator.CODE_NOT_FOUND, ResponseJson.number(response.body(), "code"));
    }

    @Test
    void requestIsRecordedWithFileDigestHeadersAndClockTime() throws Exception {
        String token = client.token();
        clock.advance(Duration.ofSeconds(42));

        String bulkKey = postBulk(token, ACCOUNTING_CODES, params("UpdateAccountingCode", null),
                "Zuora-Track-Id", "ub-run-7/file-3", "Idempotency-Key", "k-1");

        ZuoraRestRequest request = simulator.requests().get(1);
        assertEquals("POST", request.method());
        assertEquals("/v1/bulk", request.path());
        assertEquals("AccountingCodes.csv", request.fileName());
        assertEquals(ACCOUNTING_CODES.length, request.fileSize());
        assertEquals(md5(ACCOUNTING_CODES), request.fileMd5());
        assertEquals(params("UpdateAccountingCode", null), request.fields().get("params"));
        assertEquals("ub-run-7/file-3", request.trackId());
        assertEquals("k-1", request.idempotencyKey());
        assertTrue(request.headers().containsKey("content-type"));
        assertEquals(200, request.status());
        assertTrue(request.answered());
        assertEquals(START.plusSeconds(42), request.receivedAt());
        ZuoraJob job = simulator.jobs().get(0);
        assertEquals(ZuoraJob.Kind.BULK, job.kind());
        assertEquals(bulkKey, job.key());
        assertEquals(md5(ACCOUNTING_CODES), job.fileMd5());
        assertEquals(START.plusSeconds(42), job.createdAt());
        assertEquals(4, job.recordCount());
        assertNull(simulator.requests().get(0).fileMd5(), "the token request has no file");
    }
}
