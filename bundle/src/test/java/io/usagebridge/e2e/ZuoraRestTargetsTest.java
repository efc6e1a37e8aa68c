package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.zuora.ZuoraRestRequest;

/** Zuora REST targets against the sandbox's Zuora REST simulator: /v1/usage and /v1/bulk, followed to the end. */
class ZuoraRestTargetsTest extends ZuoraRestTestSupport {

    private static final String USAGE = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
            + "A00000001,Each,10,11/01/2026,11/01/2026,,,api calls\n"
            + "A00000002,GB,2.5,11/02/2026,,,,storage\n";
    private static final String REVENUE = "ChargeNumber,RevenueScheduleNumber,Amount\nC-00000001,RS-1,100\n";

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("commands.dir", data.resolve("commands").toString());
        // short enough for the in-flight test to time out on a held answer; the simulator answers in milliseconds
        p.put("zuora.response-timeout-ms", "1500");
        // 409 means "ask again later": enough short retries to outlast a held first request
        p.put("deliver.retry.max-redeliveries", "30");
        return p;
    }

    @Test
    void usageCsvReachesV1UsageOnceAndIsFollowedToCompleted() throws Exception {
        zuora.setGzipThreshold(0); // every answer gzipped, as Zuora does above 1000 bytes
        drop("zuora-usage/usage.csv", USAGE);
        Path done = data.resolve("done/zuora-usage/usage.csv");
        await().atMost(30, SECONDS).until(() -> Files.exists(done));
        assertEquals(USAGE, Files.readString(done));
        List<ZuoraRestRequest> uploads = posts("/v1/usage");
        assertEquals(1, uploads.size());
        ZuoraRestRequest upload = uploads.get(0);
        assertEquals(1, zuora.jobCount());
        assertTrue(upload.headers().get("authorization").get(0).startsWith("Bearer "));
        assertNotNull(upload.idempotencyKey());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora-usage").get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals("Completed", delivery.remoteStatus());
        assertEquals(upload.fileMd5(), delivery.chunkMd5());
        assertEquals("usagebridge-delivery-" + delivery.id(), upload.trackId());
        assertFalse(Files.readString(Path.of(upload.file().toString())).isEmpty());
        assertTrue(upload.headers().get("accept-encoding").get(0).contains("gzip"));
    }

    @Test
    void usageFileNamedOverFiftyCharactersReachesZuoraUnderItsNameRule() throws Exception {
        String name = "usage-export-acme-corporation-emea-2026-11-monthly.csv"; // 54 characters
        drop("zuora-usage/" + name, USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/" + name)));
        String sent = posts("/v1/usage").get(0).fileName();
        assertTrue(sent.length() < 50, sent + " has " + sent.length() + " characters");
        assertTrue(sent.startsWith("usage-export-") && sent.endsWith(".csv"), sent);
        assertEquals(DeliveryState.ACCEPTED, ledger().deliveries().deliveriesTo("zuora-usage").get(0).state());
    }

    @Test
    void usageFileOverFourMebibytesGoesAsSeveralUploadsCutOnRowsEachWithinZuorasLimit() throws Exception {
        StringBuilder big = new StringBuilder(USAGE.substring(0, USAGE.indexOf('\n') + 1));
        int rows = 0;
        while (big.length() < 4_700_000) {
            big.append(String.format("A%08d,Each,1,11/01/2026,11/01/2026,,,api calls%n", ++rows));
        }
        drop("zuora-usage/big.csv", big.toString());
        await().atMost(60, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/big.csv")));

        List<ZuoraRestRequest> uploads = posts("/v1/usage");
        assertEquals(2, uploads.size(), "4.7 MB goes as two files");
        long sentRows = 0;
        for (ZuoraRestRequest upload : uploads) {
            assertTrue(upload.fileSize() <= 4L * 1024 * 1024, upload.fileName() + ": " + upload.fileSize() + " bytes");
            List<String> lines = Files.readAllLines(upload.file());
            assertEquals("ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION", lines.get(0));
            sentRows += lines.size() - 1;
        }
        assertEquals(rows, sentRows, "every row once, none cut");
        assertTrue(ledger().deliveries().deliveriesTo("zuora-usage").stream().allMatch(d -> d.state() == DeliveryState.ACCEPTED));
    }

    @Test
    void anHtmlPageInsteadOfTheUploadsAnswerIsRetriedUnderTheSameKeyAndMakesOneJob() throws Exception {
        zuora.answerHtmlNext(1); // the job is created, the answer is a proxy's page
        drop("zuora-usage/usage.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage.csv")));

        List<ZuoraRestRequest> uploads = posts("/v1/usage");
        assertEquals(2, uploads.size(), "sent again after the unreadable answer");
        assertEquals(uploads.get(0).idempotencyKey(), uploads.get(1).idempotencyKey());
        assertEquals(1, zuora.jobCount(), "the repeat found the first job");
        assertEquals(DeliveryState.ACCEPTED, ledger().deliveries().deliveriesTo("zuora-usage").get(0).state());
        assertTrue(ledger().attempts().attemptsOf(ledger().deliveries().deliveriesTo("zuora-usage").get(0).id()).stream()
                .anyMatch(a -> "TARGET_REPLY_UNREADABLE".equals(a.errorCode())), "the first attempt says why");
    }

    @Test
    void runningMassActionIsStoppedByACommandFile() throws Exception {
        zuora.setPollsToComplete(1_000);
        drop("zuora-revenue/schedules.csv", REVENUE);
        await().atMost(30, SECONDS).until(() -> !ledger().deliveries().deliveriesTo("zuora-revenue").isEmpty()
                && ledger().deliveries().deliveriesTo("zuora-revenue").get(0).state() == DeliveryState.POLLING);
        String bulkKey = ledger().deliveries().deliveriesTo("zuora-revenue").get(0).remoteId();
        Files.createDirectories(data.resolve("commands"));
        Files.writeString(data.resolve("commands/zuora-revenue.stop"), bulkKey + "\n");
        Path sidecar = data.resolve("failed/zuora-revenue/schedules.csv.error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar));
        assertEquals("REMOTE_JOB_STOPPED", new ObjectMapper().readTree(sidecar.toFile()).get("code").asText());
        assertEquals(DeliveryState.STOPPED, ledger().deliveries().deliveriesTo("zuora-revenue").get(0).state());
        assertEquals(1, zuora.requests().stream().filter(r -> r.method().equals("PUT")
                && r.path().equals("/v1/bulk/" + bulkKey + "/stop")).count());
    }

    @Test
    void revenueScheduleCsvReachesV1BulkWithChecksumAndItsOutputIsKeptBesideTheSource() throws Exception {
        drop("zuora-revenue/schedules.csv", REVENUE);
        Path result = data.resolve("done/zuora-revenue/schedules.csv.zuora-revenue-result.zip");
        await().atMost(30, SECONDS).until(() -> Files.exists(result));
        ZuoraRestRequest upload = posts("/v1/bulk").get(0);
        var params = new ObjectMapper().readTree(upload.fields().get("params"));
        assertEquals("CreateRevenueSchedule", params.get("actionType").asText());
        assertEquals(upload.fileMd5(), params.get("checksum").asText());
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(result))) {
            assertNotNull(zip.getNextEntry(), "the output is a zipped CSV");
        }
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora-revenue").get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals(1L, delivery.remoteTotal());
    }

    @Test
    void expiredTokenIsRefreshedOnceAndTheUploadSucceeds() throws Exception {
        drop("zuora-usage/first.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/first.csv")));
        zuora.expireAllTokens();
        drop("zuora-usage/second.csv", USAGE.replace("A00000002", "A00000003"));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/second.csv")));
        assertEquals(2, zuora.requests().stream().filter(r -> r.path().equals("/oauth/token")).count());
        assertEquals(1, zuora.requests().stream().filter(r -> r.status() == 401).count());
    }

    @Test
    void rateLimitIsWaitedOutPerRetryAfter() throws Exception {
        zuora.rateLimitNext(2, Duration.ofSeconds(1));
        drop("zuora-usage/usage.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage.csv")));
        List<ZuoraRestRequest> uploads = posts("/v1/usage");
        assertEquals(List.of(429, 429, 200), uploads.stream().map(ZuoraRestRequest::status).toList());
        for (int i = 1; i < uploads.size(); i++) {
            Duration gap = Duration.between(uploads.get(i - 1).receivedAt(), uploads.get(i).receivedAt());
            assertTrue(gap.toMillis() >= 1000, "waited " + gap.toMillis() + " ms, Retry-After said 1 s");
        }
    }

    @Test
    void responseDroppedAfterTheJobWasCreatedIsRetriedWithTheSameKeyAndMakesOneJob() throws Exception {
        zuora.dropResponseAfterCommitNext(1);
        drop("zuora-usage/usage.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage.csv")));
        List<ZuoraRestRequest> uploads = posts("/v1/usage");
        assertEquals(2, uploads.size());
        assertEquals(uploads.get(0).idempotencyKey(), uploads.get(1).idempotencyKey());
        assertEquals(1, zuora.jobCount());
    }

    @Test
    void uploadAnswerPaddedPastTheReplyCapIsRetriedWithTheSameKeyAndMakesOneJob() throws Exception {
        // 1.5 MiB of spaces after Zuora's JSON (gzipped on the wire): over http.max-reply-bytes, not read whole
        zuora.padNextReplies(1, 1536 * 1024);
        drop("zuora-usage/usage.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage.csv")));
        List<ZuoraRestRequest> uploads = posts("/v1/usage");
        assertEquals(2, uploads.size());
        assertEquals(uploads.get(0).idempotencyKey(), uploads.get(1).idempotencyKey());
        assertEquals(1, zuora.jobCount());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora-usage").get(0);
        assertEquals("TARGET_REPLY_TOO_LARGE", ledger().attempts().attemptsOf(delivery.id()).get(0).errorCode());
    }

    @Test
    void uploadAnswerThatNeverEndsIsCutAtTheCapAndRetriedWithTheSameKey() throws Exception {
        zuora.answerEndlessNext(1); // the job is created, its answer never ends
        drop("zuora-usage/usage.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage.csv")));
        List<ZuoraRestRequest> uploads = posts("/v1/usage");
        assertEquals(2, uploads.size());
        assertEquals(uploads.get(0).idempotencyKey(), uploads.get(1).idempotencyKey());
        assertEquals(1, zuora.jobCount());
        assertEquals(1, zuora.endlessAnswersCutOff(), "the client dropped the connection");
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora-usage").get(0);
        assertEquals("TARGET_REPLY_TOO_LARGE", ledger().attempts().attemptsOf(delivery.id()).get(0).errorCode());
    }

    @Test
    void timedOutUploadIsRetriedThrough409WhileInFlightAndMakesOneJob() throws Exception {
        zuora.delayNext(1, Duration.ofSeconds(4)); // the first answer is held: our call times out after 1.5 s
        drop("zuora-usage/usage.csv", USAGE);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage.csv")));
        List<Integer> statuses = posts("/v1/usage").stream().map(ZuoraRestRequest::status).toList();
        assertTrue(statuses.contains(409), "a retry while the first was in flight got 409: " + statuses);
        assertEquals(1, zuora.jobCount(), "one job, whatever the retries");
        assertEquals(1, posts("/v1/usage").stream().map(ZuoraRestRequest::idempotencyKey).distinct().count());
        assertEquals(DeliveryState.ACCEPTED, ledger().deliveries().deliveriesTo("zuora-usage").get(0).state());
    }

    @Test
    void sameKeyWithAnotherBodyLandsInFailedWithIdempotencyConflict() throws Exception {
        // someone used this delivery's key for another file: Zuora answers 422
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                (sha256(USAGE) + ":zuora-usage:1").getBytes(StandardCharsets.UTF_8)));
        postOtherUsageWithKey(key);
        drop("zuora-usage/usage.csv", USAGE);
        Path sidecar = data.resolve("failed/zuora-usage/usage.csv.error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar));
        assertEquals("IDEMPOTENCY_KEY_CONFLICT", new ObjectMapper().readTree(sidecar.toFile()).get("code").asText());
        assertFalse(Files.readString(sidecar).contains(CLIENT_SECRET));
    }

    @Test
    void jobThatZuoraFailsLandsInFailedWithItsStatus() throws Exception {
        zuora.rejectRecordsContaining("A00000002");
        drop("zuora-usage/usage.csv", USAGE);
        Path sidecar = data.resolve("failed/zuora-usage/usage.csv.error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar)
                && Files.exists(data.resolve("failed/zuora-usage/usage.csv")));
        assertEquals("REMOTE_JOB_FAILED", new ObjectMapper().readTree(sidecar.toFile()).get("code").asText());
        assertEquals(USAGE, Files.readString(data.resolve("failed/zuora-usage/usage.csv")));
        assertEquals(DeliveryState.REJECTED, ledger().deliveries().deliveriesTo("zuora-usage").get(0).state());
    }

    @Test
    void replayAfterZuoraFailedTheJobGoesWithANewKeyAndMakesANewJob() throws Exception {
        zuora.rejectRecordsContaining("A00000002");
        drop("zuora-usage/usage.csv", USAGE);
        Path failed = data.resolve("failed/zuora-usage/usage.csv");
        await().atMost(30, SECONDS).until(() -> Files.exists(failed)
                && Files.exists(data.resolve("failed/zuora-usage/usage.csv.error.json")));

        // fixed at Zuora's side; the same file replayed: the old key would only replay Zuora's stored Failed answer
        zuora.rejectRecordsContaining("no such record");
        Files.move(failed, inbox().resolve("zuora-usage/usage.csv"));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage.csv")));

        assertEquals(2, zuora.jobCount(), "the replay made a job of its own");
        assertEquals(2, posts("/v1/usage").stream().map(ZuoraRestRequest::idempotencyKey).distinct().count());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora-usage").get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals(1, delivery.keyGeneration());
        assertFalse(Files.exists(data.resolve("failed/zuora-usage/usage.csv.error.json")), "no stale sidecar");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void postOtherUsageWithKey(String key) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(zuora.baseUrl()
                + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                        + "&grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .get("access_token").asText();
        String boundary = "other-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"other.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nACCOUNT_ID,UOM,QTY,STARTDATE\nA9,Each,1,11/01/2026\n\r\n--" + boundary
                + "--\r\n";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(zuora.baseUrl() + "/v1/usage"))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }
}
