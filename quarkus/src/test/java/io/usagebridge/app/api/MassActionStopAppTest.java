package io.usagebridge.app.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.usagebridge.app.ApiUser;
import io.usagebridge.app.UsageBridgeTestResource;
import io.usagebridge.app.UsageFiles;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;

/**
 * An operator stops a Zuora mass action that is still running, from the API (as the console's button and the CLI's
 * stop do): Zuora gets PUT /v1/bulk/{bulkKey}/stop, the job's next status check says Stopped, the delivery ends
 * STOPPED, the file goes to failed/ with REMOTE_JOB_STOPPED, and the stop is recorded with who asked.
 */
@QuarkusTest
@QuarkusTestResource(UsageBridgeTestResource.class)
class MassActionStopAppTest {

    ZuoraRestSimulator zuora;

    @ConfigProperty(name = "intake.folder.dir")
    Path inbox;

    @ConfigProperty(name = "intake.folder.failed-dir")
    Path failed;

    private final ApiUser operator = ApiUser.operator();

    @AfterEach
    void jobsCompleteAgain() {
        zuora.setPollsToComplete(ZuoraRestSimulator.DEFAULT_POLLS_TO_COMPLETE);
    }

    @Test
    void aRunningMassActionIsStoppedByItsBulkKeyAndRecorded() throws Exception {
        // the job stays Processing until stopped
        zuora.setPollsToComplete(100_000);
        String name = "stop-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        UsageFiles.drop(inbox.resolve("zuora-revenue"), name,
                "ChargeNumber,RevenueScheduleNumber,Amount\nC-00000101,RS-00000101,1200.00\n");

        JsonNode polling = await().atMost(30, SECONDS).until(() -> delivery(name), d -> d != null
                && "POLLING".equals(d.path("state").asText()) && !d.path("remoteId").isNull());
        assertTrue(polling.path("canStop").asBoolean(), polling.toString());
        String bulkKey = polling.path("remoteId").asText();
        assertTrue(List.of("Pending", "Processing").contains(zuora.job(bulkKey).orElseThrow().status()));

        HttpResponse<String> stop = operator.post("/api/mass-actions/" + bulkKey + "/stop", null);
        assertEquals(200, stop.statusCode(), stop.body());
        assertTrue(zuora.requests().stream().anyMatch(r -> r.method().equals("PUT")
                && r.path().equals("/v1/bulk/" + bulkKey + "/stop")), "Zuora was asked to stop the job");

        JsonNode stopped = await().atMost(30, SECONDS).until(() -> delivery(name),
                d -> "STOPPED".equals(d.path("state").asText()));
        assertEquals("REMOTE_JOB_STOPPED", stopped.path("errorCode").asText());
        Path sidecar = failed.resolve("zuora-revenue").resolve(name + ".error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar));
        JsonNode journey = journey(name);
        assertTrue(journey.path("actions").toString().contains("\"action\":\"stop\""), journey.toString());
        assertTrue(journey.path("actions").toString().contains("\"actor\":\"" + UsageBridgeTestResource.OPERATOR
                + "\""), journey.toString());
        assertTrue(journey.path("canReplay").asBoolean(), "a stopped mass action is replayed like any failure");

        HttpResponse<String> again = operator.post("/api/mass-actions/" + bulkKey + "/stop", null);
        assertEquals(409, again.statusCode(), again.body());
    }

    private JsonNode journey(String name) {
        JsonNode files = operator.json("/api/files?name=" + name);
        return files.isEmpty() ? null : operator.json("/api/files/" + files.get(0).path("id").asLong());
    }

    private JsonNode delivery(String name) {
        JsonNode journey = journey(name);
        return journey == null || journey.path("deliveries").isEmpty() ? null : journey.path("deliveries").get(0);
    }
}
