package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.AttemptRow;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.LedgerDatabase;
import io.usagebridge.ledger.LedgerInstance;
import io.usagebridge.ledger.SourceState;
import io.usagebridge.sandbox.insights.InsightsBatchSimulator;
import io.usagebridge.sandbox.insights.InsightsRequest;
import io.usagebridge.sandbox.insights.StoredRecordFile;
import io.usagebridge.targets.insights.InsightsBatchRerun;
import io.usagebridge.targets.insights.ledger.InsightsBatchLedger;
import io.usagebridge.targets.insights.ledger.InsightsBatchRow;
import io.usagebridge.targets.insights.ledger.InsightsBatchState;

/**
 * The insights-batch target (routes/available/target-insights.camel.yaml) and the Insights intake
 * (routes/intake-insights.camel.yaml) against the sandbox's Insights Batch API simulator and its signed-URL store.
 */
class InsightsBatchTest extends UsageBridgeTestSupport {

    private static final String TOKEN = "insights-test-token";
    private static final String ACCOUNT = "id,name,created,active,mrr\n"
            + "A-1,Acme,2026-11-01 10:15:00Z,true,120.50\n"
            + "A-2,\"Globex, Inc\",2026-11-02,false,\n";
    private static final String SUBSCRIPTION = "{\"id\":\"S-1\",\"account_id\":\"A-1\",\"start_date\":\"2026-11-01\"}\n"
            + "{\"id\":\"S-2\",\"account_id\":\"A-2\",\"start_date\":\"2026-11-03\"}\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InsightsBatchSimulator insights;

    @BeforeAll
    static void startInsights() throws IOException {
        insights = new InsightsBatchSimulator(TOKEN);
        insights.addDataSource("billing", "account", "subscription");
        insights.addDataSource("daily", "account", "subscription");
        insights.addDataSource("crm", "contact");
        insights.start();
    }

    @AfterAll
    static void stopInsights() {
        insights.stop();
    }

    @BeforeEach
    void resetInsights() {
        insights.reset();
        insights.setApiToken(TOKEN);
    }

    @Override
    protected Properties testProperties() {
        Properties p = withInsightsTarget(super.testProperties(), insights.uploadUrl(), TOKEN);
        p.put("target.insights.data-sources", "billing,daily,crm,legacy");
        p.put("target.insights.data-source.billing.record-types", "account,subscription");
        p.put("target.insights.data-source.daily.record-types", "account,subscription");
        p.put("target.insights.data-source.daily.batch-deadline-ms", "3000");
        // crm: Insights knows contact only; legacy: a data source Insights does not know
        p.put("target.insights.data-source.crm.record-types", "contact,lead");
        p.put("target.insights.data-source.legacy.record-types", "account");
        return p;
    }

    /** The Insights target "insights" on the simulator at {@code url} (signed URLs on localhost), scanned fast. */
    static Properties withInsightsTarget(Properties p, String url, String token) {
        p.put("usagebridge.targets", "twocheckout,insights");
        p.put("target.insights.type", "insights-batch");
        p.put("target.insights.url", url);
        p.put("target.insights.api-token", token);
        p.put("target.insights.signed-url-hosts", "localhost:*");
        p.put("target.insights.signed-url-allow-http-localhost", "true");
        p.put("intake.insights.start-delay-ms", "100");
        p.put("intake.insights.scan-interval-ms", "100");
        p.put("intake.insights.read-lock-min-age-ms", "100");
        return p;
    }

    /** Only the Insights target's file of routes/available: the others there need their own keys. */
    @Override
    protected List<Path> extraRouteFolders() {
        try {
            Path folder = Files.createDirectories(data.resolve("routes"));
            Files.copy(Path.of("../routes/available/target-insights.camel.yaml"),
                    folder.resolve("target-insights.camel.yaml"), StandardCopyOption.REPLACE_EXISTING);
            return List.of(folder);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoRecordTypeBatchLoadsWithOneSharedBatchDate() throws Exception {
        dropBatch("billing", "2026-11-01", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        Path done = data.resolve("done/insights/billing/2026-11-01");
        await().atMost(20, SECONDS).until(() -> Files.exists(done));

        String batchDate = batch("billing", "2026-11-01").batchDate();
        assertTrue(batchDate.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), batchDate);
        List<InsightsRequest> calls = insights.uploadUrlCalls();
        assertEquals(2, calls.size());
        for (InsightsRequest call : calls) {
            assertEquals(200, call.status());
            assertEquals(batchDate, call.fields().get("batchDate"));
            assertEquals("billing", call.fields().get("dataSource"));
        }
        assertEquals(Set.of("account", "subscription"), calls.stream().map(c -> c.fields().get("recordType"))
                .collect(Collectors.toSet()));
        assertTrue(insights.batchLoaded("billing", batchDate));
        assertEquals(md5(ACCOUNT), stored("account").md5());
        assertEquals(md5(SUBSCRIPTION), stored("subscription").md5());
        for (InsightsRequest put : insights.puts()) {
            assertEquals(200, put.status());
            assertTrue(put.header("content-length") != null, "a Content-Length, not chunked");
            assertNull(put.header("transfer-encoding"));
            assertNull(put.header("content-type"), "the signature covers Content-Type: none is sent");
            assertNull(put.header("content-md5"));
            assertNull(put.header("authorization"), "the API token never goes to the store");
        }
        assertEquals(ACCOUNT, Files.readString(done.resolve("account.csv")));
        assertEquals(InsightsBatchState.UPLOADED, batch("billing", "2026-11-01").state());
        List<DeliveryRow> deliveries = ledger().deliveries().deliveriesTo("insights");
        assertEquals(2, deliveries.size());
        assertTrue(deliveries.stream().allMatch(d -> d.state() == DeliveryState.ACCEPTED));
        assertTrue(deliveries.stream().noneMatch(d -> d.remoteId().contains("Signature")));
        assertEquals(SourceState.DONE, ledger().sources().sourcesNamed("insights/billing/2026-11-01/account.csv").get(0).state());
        assertEquals(0, twoCheckout.requestCount(), "the folder intake leaves batch folders alone");
    }

    @Test
    void batchMissingARecordTypeIsNotUploadedAndPastItsDeadlineLandsInFailedNamingIt() throws Exception {
        dropBatch("daily", "2026-11-02", "account.csv", ACCOUNT);
        await().atMost(10, SECONDS).until(() -> batchRow("daily", "2026-11-02") != null);
        await().during(Duration.ofMillis(1500)).atMost(3, SECONDS).until(() -> insights.requests().isEmpty()
                && batch("daily", "2026-11-02").state() == InsightsBatchState.WAITING);

        Path sidecar = data.resolve("failed/insights/daily/2026-11-02.error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(sidecar));
        JsonNode error = JSON.readTree(sidecar.toFile());
        assertEquals("INSIGHTS_BATCH_INCOMPLETE", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("missing record type(s) [subscription]"),
                error.get("message").asText());
        assertTrue(error.get("message").asText().contains(" after it was first seen, target.insights.batch-deadline-ms"),
                error.get("message").asText());
        assertEquals(ACCOUNT, Files.readString(data.resolve("failed/insights/daily/2026-11-02/account.csv")));
        assertTrue(insights.requests().isEmpty(), "nothing of an incomplete batch is sent");
        assertEquals(InsightsBatchState.FAILED, batch("daily", "2026-11-02").state());
        assertNull(batch("daily", "2026-11-02").batchDate());
    }

    @Test
    void failedPutOfOneRecordTypeIsRetriedAndTheBatchStillLoadsWithTheSameBatchDate() throws Exception {
        insights.failNextPuts("subscription", 1, 500);
        dropBatch("billing", "2026-11-03", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        await().atMost(20, SECONDS).until(() -> Files.exists(data.resolve("done/insights/billing/2026-11-03")));

        String batchDate = batch("billing", "2026-11-03").batchDate();
        List<InsightsRequest> subscriptionCalls = insights.uploadUrlCalls().stream()
                .filter(c -> "subscription".equals(c.fields().get("recordType"))).toList();
        assertEquals(2, subscriptionCalls.size(), "the retry asks for a new URL");
        assertTrue(insights.uploadUrlCalls().stream().allMatch(c -> batchDate.equals(c.fields().get("batchDate"))));
        assertEquals(List.of(500, 200), insights.puts().stream().filter(p -> p.path().contains("/subscription/"))
                .map(InsightsRequest::status).toList());
        assertTrue(insights.batchLoaded("billing", batchDate));
        DeliveryRow subscription = delivery("subscription");
        assertEquals(DeliveryState.ACCEPTED, subscription.state());
        assertEquals(2, subscription.attempts());
    }

    @Test
    void failedBatchMovedBackIntoTheInboxCompletesWithItsOriginalBatchDate() throws Exception {
        insights.failNextPuts("subscription", 1, 400);
        dropBatch("billing", "2026-11-04", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        Path failed = data.resolve("failed/insights/billing/2026-11-04");
        await().atMost(20, SECONDS).until(() -> Files.exists(failed.resolveSibling("2026-11-04.error.json")));
        String batchDate = batch("billing", "2026-11-04").batchDate();
        JsonNode error = JSON.readTree(failed.resolveSibling("2026-11-04.error.json").toFile());
        assertEquals("TARGET_HTTP_ERROR", error.get("code").asText());
        assertTrue(error.get("replay").asText().contains(batchDate), error.get("replay").asText());
        assertFalse(insights.batchLoaded("billing", batchDate));

        // the operator replays: the folder goes back into the inbox
        Files.move(failed, inbox().resolve("insights/billing/2026-11-04"));
        await().atMost(20, SECONDS).until(() -> Files.exists(data.resolve("done/insights/billing/2026-11-04")));
        assertEquals(batchDate, batch("billing", "2026-11-04").batchDate());
        assertTrue(insights.batchLoaded("billing", batchDate));
        assertEquals(1, insights.puts().stream().filter(p -> p.path().contains("/account/")).count(),
                "the record type already stored is not sent again");
        assertTrue(insights.uploadUrlCalls().stream().allMatch(c -> batchDate.equals(c.fields().get("batchDate"))));
    }

    @Test
    void incompleteBatchReRunByTheOperatorWithItsLateFileLoads() throws Exception {
        dropBatch("daily", "2026-11-09", "account.csv", ACCOUNT);
        Path failed = data.resolve("failed/insights/daily/2026-11-09");
        // its folder moved to failed/ and recorded there
        await().atMost(20, SECONDS).until(() -> batchRow("daily", "2026-11-09") != null
                && batchRow("daily", "2026-11-09").finished());
        InsightsBatchRow incomplete = batch("daily", "2026-11-09");
        assertEquals("INSIGHTS_BATCH_INCOMPLETE", incomplete.errorCode());
        InsightsBatchRerun reruns = context.getRegistry().lookupByNameAndType("insightsBatchRerun",
                InsightsBatchRerun.class);

        // the late record type arrives; the console's re-run moves the folder back into the inbox
        Files.writeString(failed.resolve("subscription.ndjson"), SUBSCRIPTION);
        Path back = reruns.rerun(incomplete);
        assertEquals(inbox().resolve("insights/daily/2026-11-09").toAbsolutePath(), back);
        await().atMost(20, SECONDS).until(() -> Files.exists(data.resolve("done/insights/daily/2026-11-09")));
        String batchDate = batch("daily", "2026-11-09").batchDate();
        assertEquals(InsightsBatchState.UPLOADED, batch("daily", "2026-11-09").state());
        assertTrue(insights.batchLoaded("daily", batchDate));
        assertThrows(IllegalStateException.class, () -> reruns.rerun(batch("daily", "2026-11-09")),
                "an uploaded batch is not re-run");
    }

    @Test
    void signedUrlTheStoreCallsExpiredIsRenewedWithTheSameBatchDate() throws Exception {
        insights.expireNextUrlsAtStore(1);
        dropBatch("billing", "2026-11-05", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        await().atMost(20, SECONDS).until(() -> Files.exists(data.resolve("done/insights/billing/2026-11-05")));
        String batchDate = batch("billing", "2026-11-05").batchDate();
        assertEquals(3, insights.uploadUrlCalls().size());
        assertEquals(List.of(403, 200, 200), insights.puts().stream().map(InsightsRequest::status).toList());
        assertTrue(insights.uploadUrlCalls().stream().allMatch(c -> batchDate.equals(c.fields().get("batchDate"))));
        assertTrue(insights.batchLoaded("billing", batchDate));
        List<AttemptRow> attempts = ledger().attempts().attemptsOf(delivery("account").id());
        assertEquals("INSIGHTS_SIGNED_URL_EXPIRED", attempts.get(0).errorCode());
    }

    @Test
    void signedUrlAlreadyExpiredIsNotUsedAndANewOneIsAsked() throws Exception {
        insights.issueExpiredUrlsNext(1);
        dropBatch("billing", "2026-11-06", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        await().atMost(20, SECONDS).until(() -> Files.exists(data.resolve("done/insights/billing/2026-11-06")));
        assertEquals(3, insights.uploadUrlCalls().size());
        assertEquals(List.of(200, 200), insights.puts().stream().map(InsightsRequest::status).toList());
        assertTrue(insights.batchLoaded("billing", batch("billing", "2026-11-06").batchDate()));
    }

    @Test
    void signedUrlForAHostOutsideTheAllowListIsRefusedAndNothingIsSentThere() throws Exception {
        insights.issueUrlsForHost("127.0.0.1");
        dropBatch("billing", "2026-11-07", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        Path sidecar = data.resolve("failed/insights/billing/2026-11-07.error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(sidecar));
        JsonNode error = JSON.readTree(sidecar.toFile());
        assertEquals("INSIGHTS_SIGNED_URL_REFUSED", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("127.0.0.1"), error.get("message").asText());
        assertFalse(Files.readString(sidecar).contains("Signature="), "the signed URL is a credential");
        assertTrue(insights.puts().isEmpty(), "nothing reached the other host");
        assertEquals(2, insights.uploadUrlCalls().size(), "refused at once, not retried");
    }

    @Test
    void redirectFromTheStoreIsNotFollowed() throws Exception {
        insights.redirectNextPuts(1, "http://127.0.0.1:" + insights.storePort() + "/elsewhere/account.dat");
        dropBatch("billing", "2026-11-08", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        Path sidecar = data.resolve("failed/insights/billing/2026-11-08.error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(sidecar));
        assertEquals("INSIGHTS_SIGNED_URL_REFUSED", JSON.readTree(sidecar.toFile()).get("code").asText());
        assertEquals(307, insights.puts().get(0).status());
        assertTrue(insights.requests().stream().noneMatch(r -> r.path().startsWith("/elsewhere")));
    }

    @Test
    void fileBreakingTheRulesStopsTheWholeBatchBeforeAnyCall() throws Exception {
        String broken = "id,Account Name,created\nA-1,Acme,2026-11-01\nA-2,Globex,11/02/2026\n";
        dropBatch("billing", "2026-11-09", "account.csv", broken, "subscription.ndjson", SUBSCRIPTION);
        Path sidecar = data.resolve("failed/insights/billing/2026-11-09.error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(sidecar));
        JsonNode error = JSON.readTree(sidecar.toFile());
        assertEquals("CSV_HEADER_INVALID", error.get("code").asText());
        String detail = error.get("failures").get(1).get("message").asText();
        assertTrue(detail.contains("line 1: column 'Account Name' has a space"), detail);
        assertTrue(detail.contains("line 3, column created, value '11/02/2026'"), detail);
        assertTrue(insights.requests().isEmpty(), "no call for any record type, the valid one included");
        assertEquals(SourceState.FAILED, ledger().sources().sourcesNamed("insights/billing/2026-11-09/subscription.ndjson")
                .get(0).state());
    }

    @Test
    void aFileTheRulesCannotReadFailsTheWholeBatchOnceWithACode() throws Exception {
        String prettyJson = "{\n  \"id\": \"S-1\",\n  \"account\": \"A-1\"\n}\n";
        unreadableBatchFailsOnce("2026-11-12", ACCOUNT, prettyJson);
    }

    @Test
    void aColumnNameOfAHundredThousandCharactersFailsTheWholeBatchOnceWithACode() throws Exception {
        unreadableBatchFailsOnce("2026-11-13", "x".repeat(100_000) + "\nA-1\n", SUBSCRIPTION);
    }

    @Test
    void aFileWithAByteOrderMarkFailsTheWholeBatchBeforeAnyRecordTypeIsSent() throws Exception {
        unreadableBatchFailsOnce("2026-11-14", "\uFEFF" + ACCOUNT, SUBSCRIPTION);
        JsonNode error = JSON.readTree(data.resolve("failed/insights/billing/2026-11-14.error.json").toFile());
        assertEquals("INSIGHTS_BYTE_ORDER_MARK", error.get("code").asText());
    }

    @Test
    void aSymbolicLinkInABatchFailsTheWholeBatchAndNothingIsSent() throws Exception {
        Path elsewhere = Files.writeString(data.resolve("outside-subscription.ndjson"), SUBSCRIPTION);
        Path folder = Files.createDirectories(data.resolve("staging-links/2026-11-15"));
        Files.writeString(folder.resolve("account.csv"), ACCOUNT);
        Files.createSymbolicLink(folder.resolve("subscription.ndjson"), elsewhere);
        Path batch = inbox().resolve("insights/billing/2026-11-15");
        Files.createDirectories(batch.getParent());
        Files.move(folder, batch);
        Path sidecar = data.resolve("failed/insights/billing/2026-11-15.error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(sidecar));
        assertEquals("INSIGHTS_BATCH_INVALID", JSON.readTree(sidecar.toFile()).get("code").asText());
        assertTrue(insights.requests().isEmpty(), "nothing sent for any record type");
    }

    @Test
    void aFileChangedBetweenItsCheckAndItsUploadIsNotStoredAndFailsTheBatch() throws Exception {
        Path account = inbox().resolve("insights/billing/2026-11-16/account.csv");
        // checked, then rewritten (same length, other bytes) while its upload URL is asked
        String changed = ACCOUNT.replace("Acme", "Acma");
        insights.duringNextUploadUrlCall("account", () -> {
            try {
                Files.writeString(account, changed, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        dropBatch("billing", "2026-11-16", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        Path sidecar = data.resolve("failed/insights/billing/2026-11-16.error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(sidecar));

        assertEquals("INSIGHTS_FILE_CHANGED", JSON.readTree(sidecar.toFile()).get("code").asText(),
                Files.readString(sidecar));
        assertTrue(insights.storedFiles().stream().noneMatch(f -> f.recordType().equals("account")),
                "the store kept nothing of the changed file");
        assertEquals(DeliveryState.REJECTED, delivery("account").state());
    }

    private void unreadableBatchFailsOnce(String batch, String account, String subscription) throws Exception {
        dropBatch("billing", batch, "account.csv", account, "subscription.ndjson", subscription);
        Path sidecar = data.resolve("failed/insights/billing/" + batch + ".error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(sidecar));
        JsonNode error = JSON.readTree(sidecar.toFile());
        assertFalse(error.get("code").asText().isBlank());
        assertTrue(insights.requests().isEmpty(), "nothing sent for any record type");
        assertFalse(Files.exists(inbox().resolve("insights/billing/" + batch)), "the batch left the inbox");
        assertEquals(InsightsBatchState.FAILED, batch("billing", batch).state());
        assertEquals(1, ledger().sources().sourcesNamed("insights/billing/" + batch + "/account.csv").size(),
                "taken once, not at every scan");
    }

    @Test
    void refusedApiTokenFailsTheBatchWithItsCode() throws Exception {
        insights.setApiToken("a-new-token");
        dropBatch("billing", "2026-11-10", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        Path sidecar = data.resolve("failed/insights/billing/2026-11-10.error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(sidecar));
        JsonNode error = JSON.readTree(sidecar.toFile());
        assertEquals("INSIGHTS_AUTH_FAILED", error.get("code").asText());
        assertFalse(Files.readString(sidecar).contains(TOKEN), "the token is never written");
        assertTrue(insights.puts().isEmpty());
    }

    @Test
    void dataSourceOrRecordTypeInsightsDoesNotKnowFailsWithItsCode() throws Exception {
        dropBatch("legacy", "2026-11-11", "account.csv", ACCOUNT);
        dropBatch("crm", "2026-11-11", "contact.csv", "id,email\nC-1,a@example.com\n", "lead.csv", "id\nL-1\n");
        Path legacy = data.resolve("failed/insights/legacy/2026-11-11.error.json");
        Path crm = data.resolve("failed/insights/crm/2026-11-11.error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(legacy) && Files.exists(crm));
        assertEquals("INSIGHTS_DATA_SOURCE_UNKNOWN", JSON.readTree(legacy.toFile()).get("code").asText());
        JsonNode error = JSON.readTree(crm.toFile());
        assertEquals("INSIGHTS_RECORD_TYPE_UNKNOWN", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("lead"), error.get("message").asText());
    }

    @Test
    void unavailableApiAndDroppedUploadAreRetried() throws Exception {
        insights.failNextUploadUrlCalls(2, 503);
        insights.dropNextPuts(1);
        dropBatch("billing", "2026-11-12", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/insights/billing/2026-11-12")));
        assertEquals(List.of(503, 503), insights.uploadUrlCalls().stream().map(InsightsRequest::status).limit(2)
                .toList());
        assertEquals(0, insights.puts().get(0).status(), "the first PUT got no answer");
        assertTrue(insights.batchLoaded("billing", batch("billing", "2026-11-12").batchDate()));
    }

    @Test
    void batchUploadedBeforeComesAgainAndGoesToDuplicateUnsent() throws Exception {
        dropBatch("billing", "2026-11-13", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        await().atMost(20, SECONDS).until(() -> Files.exists(data.resolve("done/insights/billing/2026-11-13")));
        int calls = insights.requests().size();
        dropBatch("billing", "2026-11-13", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        await().atMost(20, SECONDS).until(() -> Files.exists(data.resolve("duplicate/insights/billing/2026-11-13")));
        assertEquals(calls, insights.requests().size());
    }

    @Test
    void batchClaimedBeforeARestartResumesWithItsStoredBatchDate() throws Exception {
        // what a run cut short leaves: the batch claimed by this node, its batchDate chosen and stored
        LedgerDatabase database = context.getRegistry().lookupByNameAndType("ledgerDatabase", LedgerDatabase.class);
        InsightsBatchLedger earlierRun = new InsightsBatchLedger(database.dataSource(), LedgerInstance.start(
                "test-node", LedgerInstance.DEFAULT_LEASE, LedgerInstance.DEFAULT_HEARTBEAT),
                Clock.fixed(Instant.parse("2026-11-14T06:00:00Z"), ZoneOffset.UTC));
        long id = earlierRun.seen("insights", "billing", "2026-11-14", Duration.ofHours(2)).id();
        assertEquals("2026-11-14T06:00:00Z", earlierRun.claim(id).orElseThrow().batchDate());

        dropBatch("billing", "2026-11-14", "account.csv", ACCOUNT, "subscription.ndjson", SUBSCRIPTION);
        await().atMost(20, SECONDS).until(() -> Files.exists(data.resolve("done/insights/billing/2026-11-14")));
        assertTrue(insights.uploadUrlCalls().stream()
                .allMatch(c -> "2026-11-14T06:00:00Z".equals(c.fields().get("batchDate"))));
        assertTrue(insights.batchLoaded("billing", "2026-11-14T06:00:00Z"));
    }

    /** Writes each file elsewhere, then moves it into the batch folder, one by one, as a producer would. */
    private void dropBatch(String dataSource, String batch, String... namesAndContents) throws IOException {
        Path folder = Files.createDirectories(inbox().resolve("insights").resolve(dataSource).resolve(batch));
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Path staging = Files.createDirectories(data.resolve("staging"))
                    .resolve(dataSource + "-" + batch + "-" + namesAndContents[i]);
            Files.writeString(staging, namesAndContents[i + 1], StandardCharsets.UTF_8);
            Files.move(staging, folder.resolve(namesAndContents[i]));
        }
    }

    private InsightsBatchRow batch(String dataSource, String name) {
        return batchLedger().batch("insights", dataSource, name).orElseThrow();
    }

    private InsightsBatchRow batchRow(String dataSource, String name) {
        return batchLedger().batch("insights", dataSource, name).orElse(null);
    }

    private InsightsBatchLedger batchLedger() {
        return context.getRegistry().lookupByNameAndType("insightsBatchLedger", InsightsBatchLedger.class);
    }

    private DeliveryRow delivery(String recordType) {
        return ledger().deliveries().deliveriesTo("insights").stream().filter(d -> ledger().sources().source(d.sourceId()).orElseThrow()
                .name().contains("/" + recordType + ".")).findFirst().orElseThrow();
    }

    private static StoredRecordFile stored(String recordType) {
        return insights.storedFiles().stream().filter(f -> f.recordType().equals(recordType)).reduce((a, b) -> b)
                .orElseThrow();
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
