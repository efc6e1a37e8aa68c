package io.usagebridge.sandbox.insights;

import io.usagebridge.sandbox.MutableClock;
import io.usagebridge.sandbox.SandboxState;
import com.fasterxml.jackson.databind.JsonNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Insights Batch API simulator: the seed's auth, parameter checks and messages, and its signed-URL store. */
class InsightsBatchSimulatorTest {

    private static final String TOKEN = "QJXNZxMiwORqjyKArmYexHLhgWuBekjJ";
    private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");
    private static final String BATCH_DATE = "2026-11-01T10:00:00Z";
    private static final byte[] ACCOUNTS = "id,name\n1,Acme\n".getBytes(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private InsightsBatchSimulator simulator;
    private MutableClock clock;

    @BeforeEach
    void start() throws Exception {
        simulator = new InsightsBatchSimulator(TOKEN);
        simulator.addDataSource("fileupload", "account", "accountsubscriptions");
        clock = new MutableClock(START);
        simulator.setClock(clock);
        simulator.start();
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    @Test
    void uploadUrlNeedsTheApiTokenAsBasicUserWithAnEmptyPassword() throws Exception {
        HttpResponse<String> none = uploadUrl(null, form("fileupload", "account", BATCH_DATE));
        assertEquals(401, none.statusCode());
        assertEquals(InsightsBatchSimulator.NOT_AUTHENTICATED, none.body());
        assertEquals(401, uploadUrl(basic("not-the-token:"), form("fileupload", "account", BATCH_DATE)).statusCode());
        assertEquals(200, uploadUrl(basic(TOKEN + ":"), form("fileupload", "account", BATCH_DATE)).statusCode());
    }

    @Test
    void unknownDataSourceOrRecordTypeGetsTheSeedsMessage() throws Exception {
        HttpResponse<String> dataSource = uploadUrl(basic(TOKEN + ":"), form("nosuch", "account", BATCH_DATE));
        assertEquals(400, dataSource.statusCode());
        assertEquals("Invalid query parameter dataSource", dataSource.body());
        HttpResponse<String> recordType = uploadUrl(basic(TOKEN + ":"), form("fileupload", "acounts", BATCH_DATE));
        assertEquals(400, recordType.statusCode());
        assertEquals("Invalid query parameter recordType", recordType.body());
    }

    @Test
    void batchDateMustBeIsoWithAZoneAndAnUnencodedPlusArrivesAsASpace() throws Exception {
        for (String valid : new String[] {"2026-11-01T10:00:00Z", "2026-11-01T10:00:00+00:00",
                "2026-11-01T10:00:00+0000", "2026-11-01T12:00:00-02:00"}) {
            assertEquals(200, uploadUrl(basic(TOKEN + ":"), form("fileupload", "account", valid)).statusCode(), valid);
        }
        for (String invalid : new String[] {"", "2026-11-01 10:00:00Z", "2026-11-01T10:00:00", "2026-02-30T10:00:00Z",
                "2026-11-01T10:00Z"}) {
            HttpResponse<String> answer = uploadUrl(basic(TOKEN + ":"), form("fileupload", "account", invalid));
            assertEquals(400, answer.statusCode(), invalid);
            assertTrue(answer.body().startsWith("Invalid ISO timestamp"), answer.body());
        }
        // the seed's shell script sends -d "...&batchDate=$(date +%z)": a raw + becomes a space
        HttpResponse<String> raw = uploadUrl(basic(TOKEN + ":"),
                "dataSource=fileupload&recordType=account&batchDate=2026-11-01T10:00:00+0000");
        assertEquals(400, raw.statusCode());
        assertEquals("2026-11-01T10:00:00 0000", simulator.uploadUrlCalls().get(simulator.uploadUrlCalls().size() - 1)
                .fields().get("batchDate"));
    }

    @Test
    void uploadUrlAnswerHasTheSeedsShapeAndAUrlValidOneHour() throws Exception {
        HttpResponse<String> answer = uploadUrl(basic(TOKEN + ":"), form("fileupload", "account", BATCH_DATE));
        assertTrue(answer.body().startsWith("{\"signedUrl\":\"http:\\/\\/localhost:"), answer.body());
        assertTrue(answer.body().contains("\"dataSource\":\"fileupload\",\"recordType\":\"account\","
                + "\"batchDate\":\"2026-11-01T10:00:00Z\""), answer.body());
        String url = signedUrl(answer);
        assertTrue(url.contains("AWSAccessKeyId=") && url.contains("&Signature="), url);
        assertTrue(url.contains("Expires=" + START.plus(Duration.ofHours(1)).getEpochSecond()), url);
    }

    @Test
    void putToTheSignedUrlStoresTheBytesAndTheirMd5() throws Exception {
        String url = issue("account");
        HttpResponse<String> put = put(url, ACCOUNTS);
        assertEquals(200, put.statusCode(), put.body());
        StoredRecordFile stored = simulator.storedFiles().get(0);
        assertEquals(md5(ACCOUNTS), stored.md5());
        assertEquals("\"" + md5(ACCOUNTS) + "\"", put.headers().firstValue("ETag").orElseThrow());
        assertEquals("account", stored.recordType());
        assertEquals(BATCH_DATE, stored.batchDate());
        assertEquals(new String(ACCOUNTS, StandardCharsets.UTF_8), Files.readString(stored.file()));
        assertEquals(Long.toString(ACCOUNTS.length), simulator.puts().get(0).header("content-length"));
    }

    @Test
    void putWithAContentTypeThatWasNotSignedIsRefused() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(issue("account")))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(ACCOUNTS)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, put.statusCode());
        assertTrue(put.body().contains("<Code>SignatureDoesNotMatch</Code>"), put.body());
        assertTrue(simulator.storedFiles().isEmpty());
    }

    @Test
    void alteredUrlIsRefused() throws Exception {
        String url = issue("account");
        Matcher expires = Pattern.compile("Expires=(\\d+)").matcher(url);
        assertTrue(expires.find());
        String later = url.replace(expires.group(), "Expires=" + (Long.parseLong(expires.group(1)) + 3600));
        HttpResponse<String> put = put(later, ACCOUNTS);
        assertEquals(403, put.statusCode());
        assertTrue(put.body().contains("<Code>SignatureDoesNotMatch</Code>"), put.body());
    }

    @Test
    void urlOlderThanOneHourIsRefusedAsExpired() throws Exception {
        String url = issue("account");
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        HttpResponse<String> put = put(url, ACCOUNTS);
        assertEquals(403, put.statusCode());
        assertTrue(put.body().contains("<Code>AccessDenied</Code><Message>Request has expired</Message>"), put.body());
        assertTrue(simulator.storedFiles().isEmpty());
    }

    @Test
    void chunkedUploadIsRefused() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(issue("account")))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(ACCOUNTS))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(501, put.statusCode());
        assertTrue(put.body().contains("<Header>Transfer-Encoding</Header>"), put.body());
        assertTrue(simulator.storedFiles().isEmpty());
    }

    @Test
    void authorizationHeaderNextToTheSignedQueryIsRefused() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(issue("account")))
                .header("Authorization", basic(TOKEN + ":"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(ACCOUNTS)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, put.statusCode());
        assertTrue(put.body().contains("Only one auth mechanism allowed"), put.body());
    }

    @Test
    void batchLoadsOnlyWhenEveryRecordTypeArrivedWithTheIdenticalBatchDate() throws Exception {
        assertEquals(200, put(issue("account", BATCH_DATE), ACCOUNTS).statusCode());
        // the same instant written another way is another batch
        assertEquals(200, put(issue("accountsubscriptions", "2026-11-01T10:00:00+00:00"), ACCOUNTS).statusCode());
        assertFalse(simulator.batchLoaded("fileupload", BATCH_DATE));
        assertTrue(simulator.loadedBatches().isEmpty());
        assertEquals(200, put(issue("accountsubscriptions", BATCH_DATE), ACCOUNTS).statusCode());
        assertTrue(simulator.batchLoaded("fileupload", BATCH_DATE));
        LoadedBatch batch = simulator.loadedBatches().get(0);
        assertEquals(md5(ACCOUNTS), batch.recordMd5().get("account"));
        assertEquals(1, simulator.loadedBatches().size());
    }

    @Test
    void stateEndpointShowsStoredFilesAndLoadedBatches() throws Exception {
        put(issue("account", BATCH_DATE), ACCOUNTS);
        put(issue("accountsubscriptions", BATCH_DATE), ACCOUNTS);

        JsonNode state = SandboxState.of(simulator.baseUrl());

        assertEquals(2, state.get("uploadUrlCallCount").asInt());
        assertEquals(2, state.get("putCount").asInt());
        assertEquals(2, state.get("storedFiles").size());
        assertEquals(md5(ACCOUNTS), state.get("storedFiles").get(0).get("md5").asText());
        JsonNode batch = state.get("loadedBatches").get(0);
        assertEquals(BATCH_DATE, batch.get("batchDate").asText());
        assertEquals(md5(ACCOUNTS), batch.get("recordMd5").get("accountsubscriptions").asText());
    }

    @Test
    void faultKnobsWearOffAfterTheirCount() throws Exception {
        simulator.failNextUploadUrlCalls(1, 503);
        assertEquals(503, uploadUrl(basic(TOKEN + ":"), form("fileupload", "account", BATCH_DATE)).statusCode());
        simulator.failNextPuts("account", 1, 500);
        assertEquals(500, put(issue("account"), ACCOUNTS).statusCode());
        assertEquals(200, put(issue("account"), ACCOUNTS).statusCode());
        simulator.expireNextUrlsAtStore(1);
        String url = issue("account");
        assertTrue(put(url, ACCOUNTS).body().contains("Request has expired"));
        assertEquals(200, put(url, ACCOUNTS).statusCode());
        simulator.issueExpiredUrlsNext(1);
        assertEquals(403, put(issue("account"), ACCOUNTS).statusCode());
        simulator.redirectNextPuts(1, "http://127.0.0.1:9/elsewhere");
        HttpResponse<String> redirected = put(issue("account"), ACCOUNTS);
        assertEquals(307, redirected.statusCode());
        assertEquals("http://127.0.0.1:9/elsewhere", redirected.headers().firstValue("Location").orElseThrow());
        simulator.issueUrlsForHost("127.0.0.1");
        assertTrue(issue("account").startsWith("http://127.0.0.1:" + simulator.storePort() + "/"));
        assertEquals(2, simulator.storedFiles().size());
    }

    private String issue(String recordType) throws Exception {
        return issue(recordType, BATCH_DATE);
    }

    private String issue(String recordType, String batchDate) throws Exception {
        HttpResponse<String> answer = uploadUrl(basic(TOKEN + ":"), form("fileupload", recordType, batchDate));
        assertEquals(200, answer.statusCode(), answer.body());
        return signedUrl(answer);
    }

    private static String signedUrl(HttpResponse<String> answer) {
        Matcher m = Pattern.compile("\"signedUrl\":\"([^\"]+)\"").matcher(answer.body());
        assertTrue(m.find(), answer.body());
        return m.group(1).replace("\\/", "/");
    }

    private HttpResponse<String> uploadUrl(String authorization, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.uploadUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String dataSource, String recordType, String batchDate) {
        return "dataSource=" + enc(dataSource) + "&recordType=" + enc(recordType) + "&batchDate=" + enc(batchDate);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

}
