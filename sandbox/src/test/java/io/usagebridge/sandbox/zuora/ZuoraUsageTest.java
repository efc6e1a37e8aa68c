package io.usagebridge.sandbox.zuora;

import io.usagebridge.sandbox.SandboxState;
import com.fasterxml.jackson.databind.JsonNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ZuoraUsageTest extends ZuoraSimulatorFixture {

    @Test
    void stateEndpointShowsTheJobsAsTheyStand() throws Exception {
        String token = client.token();
        client.post("/v1/usage", token, ZuoraMultipartBody.usage("zuora-sample-usage.csv", ZUORA_SAMPLE_USAGE));

        JsonNode state = SandboxState.of(simulator.baseUrl());

        assertEquals(1, state.get("jobCount").asInt());
        JsonNode job = state.get("jobs").get(0);
        assertEquals("USAGE", job.get("kind").asText());
        assertEquals("Pending", job.get("status").asText());
        assertEquals(md5(ZUORA_SAMPLE_USAGE), job.get("md5").asText());
        assertEquals(1, job.get("recordCount").asInt());
        assertEquals(2, state.get("requestCount").asInt(), "the token call and the upload");
    }

    @Test
    void zuorasSampleUsageFileIsImported() throws Exception {
        String token = client.token();

        HttpResponse<String> upload = client.post("/v1/usage", token,
                ZuoraMultipartBody.usage("zuora-sample-usage.csv", ZUORA_SAMPLE_USAGE));

        assertEquals(200, upload.statusCode(), upload.body());
        assertEquals(true, ResponseJson.bool(upload.body(), "success"));
        assertEquals(ZUORA_SAMPLE_USAGE.length, ResponseJson.number(upload.body(), "size"));
        String statusPath = ResponseJson.text(upload.body(), "checkImportStatus");
        assertTrue(statusPath.matches("/v1/usage/[0-9a-f]{32}/status"), statusPath);
        assertEquals("Pending", importStatus(token, statusPath));
        assertEquals("Processing", importStatus(token, statusPath));
        String completed = client.get(statusPath, token).body();
        assertEquals("Completed", ResponseJson.text(completed, "importStatus"));
        assertEquals(true, ResponseJson.bool(completed, "success"));
        assertTrue(ResponseJson.text(completed, "message").startsWith("1 usage record"), completed);
        ZuoraJob job = simulator.jobs().get(0);
        assertEquals(ZuoraJob.Kind.USAGE, job.kind());
        assertNull(job.actionType());
        assertEquals(md5(ZUORA_SAMPLE_USAGE), job.fileMd5());
        assertEquals("Completed", job.status());
    }

    @Test
    void checkImportStatusNamesAnotherHostWhenTold() throws Exception {
        simulator.answerImportStatusOn("http://other-host.example.com");
        String statusPath = ResponseJson.text(client.post("/v1/usage", client.token(),
                ZuoraMultipartBody.usage("usage.csv", ZUORA_SAMPLE_USAGE)).body(), "checkImportStatus");
        assertTrue(statusPath.matches("http://other-host\\.example\\.com/v1/usage/[0-9a-f]{32}/status"), statusPath);
    }

    @Test
    void heldStatusReplyHasMovedTheJobOnAndGoesWhenReleased() throws Exception {
        String token = client.token();
        String statusPath = ResponseJson.text(client.post("/v1/usage", token,
                ZuoraMultipartBody.usage("usage.csv", ZUORA_SAMPLE_USAGE)).body(), "checkImportStatus");
        simulator.holdStatusRepliesNext(1, Duration.ofMinutes(10));

        CompletableFuture<HttpResponse<String>> held = client.getAsync(statusPath, token);

        assertTrue(simulator.awaitDelayed(1, Duration.ofSeconds(10)), "the status reply must be held");
        assertEquals("Pending", simulator.jobs().get(0).status(), "the poll reached the simulator");
        assertEquals("Processing", importStatus(token, statusPath), "only the next poll was held");
        simulator.releaseDelayed();
        assertEquals("Pending", ResponseJson.text(held.get().body(), "importStatus"));
    }

    @Test
    void missingRequiredValueFailsTheWholeImport() throws Exception {
        String token = client.token();
        simulator.setPollsToComplete(1);
        byte[] csv = ("ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\r\n"
                + "A00000001,Each,3,05/01/2024,,,,ok\r\n"
                + "A00000002,,4,05/01/2024,,,,no UOM\r\n").getBytes(StandardCharsets.UTF_8);

        String statusPath = ResponseJson.text(
                client.post("/v1/usage", token, ZuoraMultipartBody.usage("usage.csv", csv)).body(),
                "checkImportStatus");
        String failed = client.get(statusPath, token).body();

        assertEquals("Failed", ResponseJson.text(failed, "importStatus"));
        assertTrue(ResponseJson.text(failed, "message").contains("Line 3: UOM is required"), failed);
    }

    @Test
    void missingHeadingFailsTheImport() throws Exception {
        String token = client.token();
        simulator.setPollsToComplete(1);
        byte[] csv = "ACCOUNT_ID,UOM,QTY,STARTDATE\nA1,Each,1,05/01/2024\n".getBytes(StandardCharsets.UTF_8);

        String statusPath = ResponseJson.text(
                client.post("/v1/usage", token, ZuoraMultipartBody.usage("usage.csv", csv)).body(),
                "checkImportStatus");

        String failed = client.get(statusPath, token).body();
        assertEquals("Failed", ResponseJson.text(failed, "importStatus"));
        assertTrue(ResponseJson.text(failed, "message").contains("ENDDATE"), failed);
    }

    @Test
    void fileNameOver50CharactersIsRefused() throws Exception {
        String name = "u".repeat(47) + ".csv";

        HttpResponse<String> response = client.post("/v1/usage", client.token(),
                ZuoraMultipartBody.usage(name, ZUORA_SAMPLE_USAGE));

        assertEquals(400, response.statusCode());
        assertEquals(ZuoraRestSimulator.CODE_INVALID_VALUE, ResponseJson.number(response.body(), "code"));
        assertEquals(0, simulator.jobCount());
    }

    @Test
    void fileOver4MegabytesIsRefused() throws Exception {
        byte[] big = new byte[(int) ZuoraRestSimulator.MAX_USAGE_FILE_BYTES + 1];

        HttpResponse<String> response = client.post("/v1/usage", client.token(),
                ZuoraMultipartBody.usage("big.csv", big));

        assertEquals(400, response.statusCode());
        assertTrue(ResponseJson.text(response.body(), "message").contains("4MB"));
    }

    @Test
    void canceledImportReportsCanceled() throws Exception {
        String token = client.token();
        String statusPath = ResponseJson.text(client.post("/v1/usage", token,
                ZuoraMultipartBody.usage("usage.csv", ZUORA_SAMPLE_USAGE)).body(), "checkImportStatus");
        String importId = statusPath.split("/")[3];

        assertTrue(simulator.cancelUsageImport(importId));

        assertEquals("Canceled", importStatus(token, statusPath));
        assertEquals("Canceled", importStatus(token, statusPath));
    }

    @Test
    void unknownImportGets404() throws Exception {
        HttpResponse<String> response = client.get("/v1/usage/" + "b".repeat(32) + "/status", client.token());

        assertEquals(404, response.statusCode());
        assertEquals(ZuoraRestSimulator.CODE_NOT_FOUND, ResponseJson.number(response.body(), "code"));
    }

    private String importStatus(String token, String statusPath) throws Exception {
        HttpResponse<String> response = client.get(statusPath, token);
        assertEquals(200, response.statusCode(), response.body());
        return ResponseJson.text(response.body(), "importStatus");
    }
}
