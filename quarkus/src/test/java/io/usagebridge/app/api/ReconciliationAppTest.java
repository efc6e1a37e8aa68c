package io.usagebridge.app.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import io.usagebridge.app.cli.CommandLine;
import io.usagebridge.app.cli.UsageBridgeCommands;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;

/**
 * Reconciliation in the app: a mass action whose one record Zuora refused ends DONE_WITH_REJECTS with its rows file
 * offered for download as it lies in done/, and the day's report (API JSON, its CSV, the CLI's reconcile) counts
 * that row as rejected at zuora-revenue and the others as accepted.
 */
@QuarkusTest
@QuarkusTestResource(UsageBridgeTestResource.class)
class ReconciliationAppTest {

    ZuoraRestSimulator zuora;

    @ConfigProperty(name = "intake.folder.dir")
    Path inbox;

    @ConfigProperty(name = "intake.folder.done-dir")
    Path done;

    private final ApiUser viewer = ApiUser.viewer();

    @AfterEach
    void recordsPassAgain() {
        zuora.rejectRecordsContaining(null);
    }

    @Test
    void aRefusedRecordIsDownloadableAndCountedInTheDaysReconciliation() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode before = revenueLine(viewer.json("/api/reconciliation/" + today));
        String bad = "RS-" + UUID.randomUUID().toString().substring(0, 8);
        zuora.rejectRecordsContaining(bad);
        String name = "reconcile-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        UsageFiles.drop(inbox.resolve("zuora-revenue"), name, "ChargeNumber,RevenueScheduleNumber,Amount\n"
                + "C-00000201,RS-00000201,10.00\n"
                + "C-00000202," + bad + ",20.00\n");

        JsonNode file = await().atMost(30, SECONDS).until(() -> fileNamed(name),
                f -> f != null && "DONE_WITH_REJECTS".equals(f.path("state").asText()));
        assertEquals(1, file.path("rowsRejected").asLong());
        JsonNode journey = viewer.json("/api/files/" + file.path("id").asLong());
        String rowsLink = journey.path("rejectedRowsFile").asText();
        assertEquals("/api/files/" + file.path("id").asLong() + "/rejected", rowsLink);
        HttpResponse<String> rows = viewer.get(rowsLink);
        assertEquals(200, rows.statusCode());
        Path kept = done.resolve("zuora-revenue").resolve(name + ".rejected.csv");
        assertEquals(Files.readString(kept), rows.body(), "the file as it lies beside the original");
        assertTrue(rows.body().contains("C-00000202," + bad + ",20.00,\"line 3, zuora-revenue: "), rows.body());

        JsonNode after = revenueLine(viewer.json("/api/reconciliation/" + today));
        assertEquals(before.path("rowsRejected").asLong() + 1, after.path("rowsRejected").asLong());
        assertEquals(before.path("rowsAccepted").asLong() + 1, after.path("rowsAccepted").asLong());
        assertEquals(before.path("rowsSent").asLong() + 2, after.path("rowsSent").asLong());

        HttpResponse<String> csv = viewer.get("/api/reconciliation/" + today + ".csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().startsWith("day,target,files,deliveries,rows_sent,rows_accepted,rows_rejected,"
                + "rows_failed,rows_pending,deliveries_uncertain\n"), csv.body());
        assertTrue(csv.body().contains("\n" + today + ",zuora-revenue," + after.path("files").asLong() + ","), csv.body());
        assertEquals(csv.body(), cli("reconcile", "--day", today, "--csv"), "the CLI prints the API's CSV");
        assertTrue(cli("reconcile").contains("zuora-revenue"));
        assertEquals(400, viewer.get("/api/reconciliation/yesterday").statusCode());
    }

    private static JsonNode revenueLine(JsonNode report) {
        for (JsonNode line : report.path("targets")) {
            if ("zuora-revenue".equals(line.path("target").asText())) {
                return line;
            }
        }
        return ApiUser.read("{}");
    }

    private JsonNode fileNamed(String name) {
        JsonNode files = viewer.json("/api/files?name=" + name);
        return files.isEmpty() ? null : files.get(0);
    }

    private static String cli(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, new UsageBridgeCommands().run(CommandLine.parse(args), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true)), String.join(" ", args));
        return out.toString(StandardCharsets.UTF_8);
    }
}
