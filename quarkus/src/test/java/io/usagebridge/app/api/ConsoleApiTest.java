package io.usagebridge.app.api;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.usagebridge.app.ApiUser;
import io.usagebridge.app.UsageBridgeTestResource;
import io.usagebridge.app.UsageFiles;
import io.usagebridge.sandbox.ReceivedUpload;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;

/**
 * The operations API as its users meet it: who may read and act (no login, viewer, operator, the CSRF token), and
 * what they see and do on real runs against the 2Checkout simulator: files found by filters, a journey down to the
 * bytes the target received, counts, error files, a replay, a resolution, a stop refused. Every test makes its own
 * files (the app and its ledger serve every test class of the module).
 */
@QuarkusTest
@QuarkusTestResource(UsageBridgeTestResource.class)
class ConsoleApiTest {

    private static final String OPERATOR = UsageBridgeTestResource.OPERATOR;

    TwoCheckoutReceiverSimulator twoCheckout;

    @ConfigProperty(name = "intake.folder.dir")
    Path inbox;

    @ConfigProperty(name = "intake.folder.done-dir")
    Path done;

    @ConfigProperty(name = "intake.folder.failed-dir")
    Path failed;

    private final ApiUser operator = ApiUser.operator();
    private final ApiUser viewer = ApiUser.viewer();

    // ------------------------------------------------------------------ who gets in

    @Test
    void withoutLoginOnlyTheProbesAnswerAndTheApiSendsToTheLoginPage() {
        ApiUser nobody = ApiUser.anonymous();
        HttpResponse<String> files = nobody.get("/api/files");
        assertEquals(302, files.statusCode(), files.body());
        assertTrue(files.headers().firstValue("Location").orElse("").endsWith("/console/login.html"),
                files.headers().map().toString());

        assertEquals(200, nobody.get("/q/health/live").statusCode());
        assertEquals(200, nobody.get("/q/metrics").statusCode());
        HttpResponse<String> login = nobody.get("/console/login.html");
        assertEquals(200, login.statusCode());
        assertEquals(200, nobody.get("/console/login.js").statusCode());
        // no other site may frame the console's buttons or run script in it
        assertTrue(login.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                login.headers().map().toString());
        assertEquals("DENY", login.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals(302, nobody.get("/console/console.js").statusCode(), "the console itself needs a login");

        HttpResponse<String> openapiWithout = nobody.get("/q/openapi");
        assertEquals(302, openapiWithout.statusCode(), "the API's description needs a login too");
        assertTrue(openapiWithout.headers().firstValue("Location").orElse("").endsWith("/console/login.html"));
        HttpResponse<String> openapi = viewer.get("/q/openapi");
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/files"), openapi.body());
        assertTrue(openapi.body().contains("/api/deliveries/{id}/resolve"), openapi.body());
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefusedWith401() {
        HttpResponse<String> wrong = ApiUser.basic(OPERATOR, "not-the-password").get("/api/files");
        assertEquals(401, wrong.statusCode(), wrong.body());
        HttpResponse<String> unknown = ApiUser.basic("mallory", "whatever-password").get("/api/session");
        assertEquals(401, unknown.statusCode(), unknown.body());
    }

    @Test
    void theSessionNamesTheUserTheirRolesAndTheirOwnToken() {
        JsonNode olga = operator.json("/api/session");
        assertEquals(OPERATOR, olga.path("user").asText());
        assertTrue(olga.path("operator").asBoolean());
        JsonNode vic = viewer.json("/api/session");
        assertEquals(UsageBridgeTestResource.VIEWER, vic.path("user").asText());
        assertFalse(vic.path("operator").asBoolean());
        assertEquals("[\"viewer\"]", vic.path("roles").toString());
        assertFalse(olga.path("csrfToken").asText().isBlank());
        assertNotEquals(olga.path("csrfToken").asText(), vic.path("csrfToken").asText(), "a token per user");
    }

    @Test
    void theConsolePageLogsInWithTheFormAndItsCookie() {
        HttpResponse<String> refused = formLogin(OPERATOR, "not-the-password");
        assertEquals(302, refused.statusCode());
        assertTrue(refused.headers().firstValue("Location").orElse("").contains("/console/login.html?failed"),
                refused.headers().map().toString());

        HttpResponse<String> login = formLogin(OPERATOR, UsageBridgeTestResource.OPERATOR_PASSWORD);
        assertEquals(302, login.statusCode());
        assertTrue(login.headers().firstValue("Location").orElse("").endsWith("/console/"),
                login.headers().map().toString());
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("quarkus-credential=")).findFirst().orElseThrow().split(";")[0];
        HttpResponse<String> session = ApiUser.send(HttpRequest.newBuilder(ApiUser.uri("/api/session"))
                .header("Cookie", cookie).GET());
        assertEquals(200, session.statusCode(), session.body());
        assertEquals(OPERATOR, ApiUser.read(session.body()).path("user").asText());

        String token = ApiUser.read(session.body()).path("csrfToken").asText();
        HttpResponse<String> logout = ApiUser.send(HttpRequest.newBuilder(ApiUser.uri("/api/session/logout"))
                .header("Cookie", cookie).header("X-CSRF-Token", token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, logout.statusCode(), logout.body());
        assertTrue(logout.headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("quarkus-credential=;") && c.contains("Max-Age=0")),
                logout.headers().map().toString());
    }

    // ------------------------------------------------------------------ roles and the CSRF token

    @Test
    void aViewerReadsEverythingButMayNotActAndNothingChanges() throws Exception {
        String name = UsageFiles.uniqueName("api-viewer");
        UsageFiles.drop(inbox, name, UsageFiles.invalid(name));
        JsonNode file = awaitFile(name, "FAILED");
        long id = file.path("id").asLong();
        await().atMost(10, SECONDS).until(() -> Files.exists(failed.resolve(name + ".error.json")));

        viewer.json("/api/files?name=" + name);
        JsonNode journey = viewer.json("/api/files/" + id);
        assertTrue(journey.path("canReplay").asBoolean(), journey.toString());
        assertEquals(200, viewer.get("/api/files/" + id + "/error").statusCode());
        viewer.json("/api/counts");
        viewer.json("/api/counts/hourly?hours=3");
        viewer.json("/api/actions");
        viewer.json("/api/deliveries/uncertain");

        // with the viewer's own valid token: refused for the role, not the token
        for (String action : List.of("/api/files/" + id + "/replay", "/api/deliveries/1/replay",
                "/api/deliveries/1/stop", "/api/mass-actions/some-bulk-key/stop", "/api/insights-batches/1/rerun")) {
            HttpResponse<String> refused = viewer.post(action, null);
            assertEquals(403, refused.statusCode(), action + ": " + refused.body());
            assertFalse(refused.body().contains("CSRF_TOKEN_MISSING"), action + ": " + refused.body());
        }
        HttpResponse<String> resolve = viewer.post("/api/deliveries/1/resolve", Map.of("as", "delivered"));
        assertEquals(403, resolve.statusCode(), resolve.body());

        assertTrue(Files.exists(failed.resolve(name)), "the original is still in failed/");
        assertFalse(Files.exists(inbox.resolve(name)));
        JsonNode after = viewer.json("/api/files/" + id);
        assertEquals("FAILED", after.path("file").path("state").asText());
        assertEquals(0, after.path("actions").size(), after.toString());
    }

    @Test
    void anOperatorsActionWithoutTheirTokenIsRefused() throws Exception {
        String name = UsageFiles.uniqueName("api-csrf");
        UsageFiles.drop(inbox, name, UsageFiles.invalid(name));
        long id = awaitFile(name, "FAILED").path("id").asLong();
        String replay = "/api/files/" + id + "/replay";

        HttpResponse<String> missing = operator.post(replay, null, null);
        assertEquals(403, missing.statusCode(), missing.body());
        assertEquals("CSRF_TOKEN_MISSING", ApiUser.read(missing.body()).path("error").asText());
        assertEquals(403, operator.post(replay, null, "not-the-token").statusCode());
        assertEquals(403, operator.post(replay, null, viewer.csrfToken()).statusCode(), "another user's token");

        assertTrue(Files.exists(failed.resolve(name)), "nothing was replayed");
        assertEquals(0, operator.json("/api/files/" + id).path("actions").size());
    }

    // ------------------------------------------------------------------ what a run looks like

    @Test
    void aRunIsListedFoundByEveryFilterTracedToTheBytesSentAndCounted() throws Exception {
        String run = UsageFiles.unique("api-run");
        String good = run + "-good.csv";
        String bad = run + "-bad.csv";
        UsageFiles.drop(inbox, good, UsageFiles.valid(good));
        UsageFiles.drop(inbox, bad, UsageFiles.invalid(bad));
        JsonNode goodFile = awaitFile(good, "DONE");
        JsonNode badFile = awaitFile(bad, "FAILED");
        long goodId = goodFile.path("id").asLong();
        long badId = badFile.path("id").asLong();

        assertEquals(List.of(bad, good).stream().sorted().toList(), names("name=" + run).stream().sorted().toList());
        assertEquals(List.of(good), names("name=" + run + "&state=DONE"));
        assertEquals(List.of(bad), names("name=" + run + "&state=failed"));
        assertEquals(List.of(good), names("hash=" + goodFile.path("sha256").asText().substring(0, 16)));
        assertEquals(List.of(good), names("hash=" + goodFile.path("md5").asText().substring(0, 16)));
        assertEquals(List.of(good), names("name=" + run + "&target=twocheckout"), "the bad file has no delivery");
        assertEquals(List.of(), names("name=" + run + "&target=zuora-nowhere"));
        Instant goodAt = Instant.parse(goodFile.path("receivedAt").asText());
        assertTrue(names("name=" + run + "&from=" + encode(goodAt)).contains(good), "from is inclusive");
        assertFalse(names("name=" + run + "&to=" + encode(goodAt)).contains(good), "to is exclusive");
        assertEquals(List.of(), names("name=" + run + "&from=2000-01-01&to=2000-01-02"));
        assertEquals(2, names("name=" + run + "&from=" + goodAt.toString().substring(0, 10)).size(), "a day");
        HttpResponse<String> badState = viewer.get("/api/files?state=LOST");
        assertEquals(400, badState.statusCode(), badState.body());

        // the list shows where the good file stands at its target
        JsonNode target = goodFile.path("targets").get(0);
        assertEquals("twocheckout", target.path("target").asText());
        assertEquals("ACCEPTED", target.path("state").asText());

        JsonNode journey = viewer.json("/api/files/" + goodId);
        assertEquals(1, journey.path("deliveries").size(), journey.toString());
        JsonNode delivery = journey.path("deliveries").get(0);
        assertEquals("ACCEPTED", delivery.path("state").asText());
        assertEquals(1, delivery.path("chunkRows").asLong());
        assertFalse(delivery.path("canResolve").asBoolean());
        assertFalse(delivery.path("canStop").asBoolean());
        assertFalse(journey.path("canReplay").asBoolean());
        assertTrue(journey.path("errorFile").isNull());
        JsonNode attempt = delivery.path("attemptLog").get(0);
        assertEquals(200, attempt.path("httpStatus").asInt(), delivery.toString());
        assertEquals("1", attempt.path("reply").asText(), delivery.toString());
        // 2Checkout's file part carries the source's name (sentName is for targets that get a name of their own)
        List<ReceivedUpload> uploads = uploadsOf(good);
        assertEquals(1, uploads.size());
        assertEquals(uploads.get(0).fileMd5(), delivery.path("chunkMd5").asText(), "what the target received");
        assertEquals(uploads.get(0).size(), delivery.path("chunkBytes").asLong());

        JsonNode badJourney = viewer.json("/api/files/" + badId);
        String code = badJourney.path("file").path("errorCode").asText();
        assertEquals("CSV_VALUE_INVALID", code, badJourney.toString());
        assertEquals(0, badJourney.path("deliveries").size());
        assertEquals("/api/files/" + badId + "/error", badJourney.path("errorFile").asText());
        HttpResponse<String> error = viewer.get(badJourney.path("errorFile").asText());
        assertEquals(200, error.statusCode(), error.body());
        JsonNode sidecar = ApiUser.read(error.body());
        assertEquals(code, sidecar.path("code").asText());
        assertEquals(badId, sidecar.path("sourceId").asLong());
        assertEquals(Files.readString(failed.resolve(bad + ".error.json")), error.body(), "the kept file itself");
        assertEquals(404, viewer.get("/api/files/" + goodId + "/error").statusCode(), "a DONE file has none");
        assertEquals(404, viewer.get("/api/files/999999999").statusCode());

        // the two files are all that was received between them (the tests run one after the other)
        Instant first = earliest(goodFile, badFile);
        Instant last = latest(goodFile, badFile);
        JsonNode counts = viewer.json("/api/counts?from=" + encode(first) + "&to=" + encode(last.plusMillis(1)));
        assertEquals("{\"DONE\":1,\"FAILED\":1}", counts.path("files").toString());
        assertEquals("{\"twocheckout\":{\"ACCEPTED\":1}}", counts.path("targets").toString());
        assertEquals(400, viewer.get("/api/counts?from=2026-12-02&to=2026-12-01").statusCode());
        JsonNode hourly = viewer.json("/api/counts/hourly?hours=2");
        assertEquals(2, hourly.size());
        long doneNow = 0;
        long failedNow = 0;
        for (JsonNode hour : hourly) {
            doneNow += hour.path("done").asLong();
            failedNow += hour.path("failed").asLong();
        }
        assertTrue(doneNow >= 1 && failedNow >= 1, hourly.toString());
    }

    // ------------------------------------------------------------------ actions

    @Test
    void aFileRejectedByTheTargetIsReplayedByAnOperatorAndEndsDone() throws Exception {
        String name = UsageFiles.uniqueName("api-replay");
        twoCheckout.failNext(1, 400);
        int requestsBefore = twoCheckout.requestCount();
        UsageFiles.drop(inbox, name, UsageFiles.valid(name));
        JsonNode file = awaitFile(name, "FAILED");
        long id = file.path("id").asLong();
        await().atMost(10, SECONDS).until(() -> Files.exists(failed.resolve(name)));
        JsonNode journey = viewer.json("/api/files/" + id);
        assertTrue(journey.path("canReplay").asBoolean(), journey.toString());
        JsonNode delivery = journey.path("deliveries").get(0);
        assertEquals("TARGET_HTTP_ERROR", delivery.path("errorCode").asText(), delivery.toString());
        assertEquals(400, delivery.path("attemptLog").get(0).path("httpStatus").asInt(), delivery.toString());
        assertEquals(0, uploadsOf(name).size(), "the 400 was answered before the upload was processed");

        HttpResponse<String> replay = operator.post("/api/files/" + id + "/replay", null);
        assertEquals(200, replay.statusCode(), replay.body());

        await().atMost(30, SECONDS).until(() -> Files.exists(done.resolve(name)));
        assertFalse(Files.exists(failed.resolve(name)));
        assertEquals(1, uploadsOf(name).stream().filter(ReceivedUpload::accepted).count(), "accepted once");
        assertEquals(requestsBefore + 2, twoCheckout.requestCount(), "the refused request and the replay's");
        JsonNode latest = awaitFile(name, "DONE");

        JsonNode action = actionOn(id, "replay");
        assertNotNull(action, "the replay is recorded");
        assertEquals(OPERATOR, action.path("actor").asText());
        assertTrue(viewer.json("/api/files/" + id).path("actions").toString().contains("\"actor\":\"" + OPERATOR),
                "the journey shows who replayed");

        // the replay is a new intake of the same file: it carries on the same delivery, its second attempt
        long replayedId = latest.path("id").asLong();
        assertNotEquals(id, replayedId);
        JsonNode replayed = viewer.json("/api/files/" + replayedId).path("deliveries").get(0);
        assertEquals(delivery.path("id").asLong(), replayed.path("id").asLong(), replayed.toString());
        assertEquals("ACCEPTED", replayed.path("state").asText());
        assertEquals(2, replayed.path("attemptLog").size(), replayed.toString());
        assertEquals(200, replayed.path("attemptLog").get(1).path("httpStatus").asInt(), replayed.toString());

        for (long done : List.of(replayedId, id)) {
            assertFalse(viewer.json("/api/files/" + done).path("canReplay").asBoolean(), "file " + done);
            HttpResponse<String> again = operator.post("/api/files/" + done + "/replay", null);
            assertEquals(409, again.statusCode(), again.body());
            assertEquals("NOT_REPLAYABLE", ApiUser.read(again.body()).path("error").asText());
        }
        assertEquals(404, operator.post("/api/files/999999999/replay", null).statusCode());
    }

    @Test
    void anUncertainDeliveryResolvedAsDeliveredByAnOperatorMovesToDoneWithNothingSent() throws Exception {
        String name = UsageFiles.uniqueName("api-resolve");
        twoCheckout.dropNext(1);
        UsageFiles.drop(inbox, name, UsageFiles.valid(name));
        await().atMost(30, SECONDS).until(() -> Files.exists(failed.resolve(name + ".error.json")));
        JsonNode uncertain = uncertainOf(name);
        assertNotNull(uncertain, "listed as uncertain");
        long delivery = uncertain.path("delivery").asLong();
        int requests = twoCheckout.requestCount();
        JsonNode journey = viewer.json("/api/files/" + uncertain.path("sourceId").asLong());
        assertEquals("UNCERTAIN", journey.path("file").path("state").asText());
        assertTrue(journey.path("deliveries").get(0).path("canResolve").asBoolean());
        HttpResponse<String> replay = operator.post("/api/deliveries/" + delivery + "/replay", null);
        assertEquals(409, replay.statusCode(), "a replay could send it twice: " + replay.body());

        assertEquals(403, viewer.post("/api/deliveries/" + delivery + "/resolve", Map.of("as", "delivered"))
                .statusCode());
        assertNotNull(uncertainOf(name), "the viewer changed nothing");
        assertEquals(400, operator.post("/api/deliveries/" + delivery + "/resolve", Map.of("as", "maybe"))
                .statusCode());

        // "by" is not the API's to take: the logged-in user is recorded
        HttpResponse<String> resolved = operator.post("/api/deliveries/" + delivery + "/resolve",
                Map.of("as", "delivered", "by", "mallory", "note", "seen in the 2Checkout console"));
        assertEquals(200, resolved.statusCode(), resolved.body());
        assertEquals(OPERATOR, ApiUser.read(resolved.body()).path("resolvedBy").asText());

        await().atMost(10, SECONDS).until(() -> Files.exists(done.resolve(name)));
        assertFalse(Files.exists(failed.resolve(name)));
        assertEquals(requests, twoCheckout.requestCount(), "nothing was sent");
        assertNull(uncertainOf(name));
        JsonNode action = actionOn(uncertain.path("sourceId").asLong(), "resolve-delivered");
        assertNotNull(action);
        assertEquals(OPERATOR, action.path("actor").asText());
        assertEquals("seen in the 2Checkout console", action.path("detail").asText());
        HttpResponse<String> twice = operator.post("/api/deliveries/" + delivery + "/resolve",
                Map.of("as", "delivered"));
        assertEquals(409, twice.statusCode(), twice.body());
    }

    @Test
    void onlyARunningZuoraMassActionCanBeStopped() throws Exception {
        String name = UsageFiles.uniqueName("api-stop");
        UsageFiles.drop(inbox, name, UsageFiles.valid(name));
        long delivery = viewer.json("/api/files/" + awaitFile(name, "DONE").path("id").asLong())
                .path("deliveries").get(0).path("id").asLong();

        HttpResponse<String> twoCheckoutOne = operator.post("/api/deliveries/" + delivery + "/stop", null);
        assertEquals(409, twoCheckoutOne.statusCode(), twoCheckoutOne.body());
        assertEquals("NOT_STOPPABLE", ApiUser.read(twoCheckoutOne.body()).path("error").asText());
        HttpResponse<String> unknown = operator.post("/api/mass-actions/no-such-bulk-key/stop", null);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("NOT_FOUND", ApiUser.read(unknown.body()).path("error").asText());
        assertEquals(404, operator.post("/api/deliveries/999999999/stop", null).statusCode());
        assertEquals(404, viewer.get("/api/deliveries/" + delivery + "/result").statusCode(), "2Checkout keeps none");
    }

    @Test
    void anInsightsBatchReRunNeedsABatch() throws Exception {
        // this app has no Insights target (InsightsBatchTest re-runs a real one): none listed, none to re-run
        assertEquals(0, viewer.json("/api/insights-batches").size());
        HttpResponse<String> none = operator.post("/api/insights-batches/424242/rerun", null);
        assertEquals(404, none.statusCode(), none.body());
        assertEquals("NOT_FOUND", ApiUser.read(none.body()).path("error").asText());
    }

    // ------------------------------------------------------------------ helpers

    /** Waits until the newest file of this name is in {@code state}; returns it as the list shows it. */
    private JsonNode awaitFile(String name, String state) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(30, SECONDS).until(() -> {
            JsonNode files = viewer.json("/api/files?name=" + name);
            found[0] = files.isEmpty() ? null : files.get(0);
            return found[0] != null && state.equals(found[0].path("state").asText());
        });
        return found[0];
    }

    private List<String> names(String query) {
        List<String> names = new ArrayList<>();
        viewer.json("/api/files?" + query).forEach(f -> names.add(f.path("name").asText()));
        return names;
    }

    private JsonNode uncertainOf(String name) {
        for (JsonNode d : viewer.json("/api/deliveries/uncertain")) {
            if (name.equals(d.path("file").asText())) {
                return d;
            }
        }
        return null;
    }

    private JsonNode actionOn(long sourceId, String action) {
        for (JsonNode a : viewer.json("/api/actions?limit=1000")) {
            if (a.path("sourceId").asLong() == sourceId && action.equals(a.path("action").asText())) {
                return a;
            }
        }
        return null;
    }

    private List<ReceivedUpload> uploadsOf(String fileName) {
        return twoCheckout.received().stream().filter(u -> fileName.equals(u.fileName())).toList();
    }

    private static HttpResponse<String> formLogin(String user, String password) {
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return ApiUser.send(HttpRequest.newBuilder(ApiUser.uri("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static String encode(Instant at) {
        return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
    }

    private static Instant earliest(JsonNode a, JsonNode b) {
        Instant x = Instant.parse(a.path("receivedAt").asText());
        Instant y = Instant.parse(b.path("receivedAt").asText());
        return x.isBefore(y) ? x : y;
    }

    private static Instant latest(JsonNode a, JsonNode b) {
        Instant x = Instant.parse(a.path("receivedAt").asText());
        Instant y = Instant.parse(b.path("receivedAt").asText());
        return x.isAfter(y) ? x : y;
    }
}
