package io.usagebridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import com.fasterxml.jackson.databind.JsonNode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwoCheckoutReceiverSimulatorTest {

    private static final String MERCHANT = "TESTMERCHANT";
    private static final String SECRET = "test-secret-key";
    private static final byte[] CSV = "SubscriptionRef,OptionCode,Units\r\n83FE4FEF2,metered,12\r\n"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private TwoCheckoutReceiverSimulator simulator;

    @BeforeEach
    void startSimulator() throws IOException {
        simulator = new TwoCheckoutReceiverSimulator();
        simulator.addAccount(MERCHANT, SECRET);
        simulator.start(0);
    }

    @AfterEach
    void stopSimulator() {
        simulator.stop();
    }

    @Test
    void signedUploadIsAcceptedWithBodyOne() throws Exception {
        HttpResponse<String> response = send(signedFields(MERCHANT, SECRET, CSV), "usage.csv", CSV);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals("1", response.body());
        ReceivedUpload upload = simulator.accepted().get(0);
        assertEquals("usage.csv", upload.fileName());
        assertEquals(CSV.length, upload.size());
        assertArrayEquals(CSV, Files.readAllBytes(upload.file()));
        assertEquals(GeneratedContent.md5(CSV), upload.fileMd5());
        assertEquals(SECRET, upload.fields().get("secret_key"));
        assertEquals("83FE4FEF2", upload.fields().get("SubscriptionRef"));
        assertTrue(upload.header("Content-Type").startsWith("multipart/form-data"));
        assertTrue(upload.headers().containsKey("content-length"));
        assertEquals(upload.fileMd5(), simulator.lastFileMd5());
    }

    @Test
    void unknownMerchantGetsInvalidAccount() throws Exception {
        Map<String, String> fields = signedFields("NOBODY", SECRET, CSV);
        fields.put("file_MD5", "0".repeat(32)); // the account check comes first

        HttpResponse<String> response = send(fields, "usage.csv", CSV);

        assertEquals(200, response.statusCode());
        assertEquals("Invalid account!", response.body());
        assertEquals(List.of(), simulator.accepted());
        assertEquals("Invalid account!", simulator.received().get(0).reply());
    }

    @Test
    void fileMd5MismatchGetsBadSignatureOnReceivedFile() throws Exception {
        Map<String, String> fields = signedFields(MERCHANT, SECRET, "other bytes".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = send(fields, "usage.csv", CSV);

        assertEquals(200, response.statusCode());
        assertEquals("Bad signature on the received file!", response.body());
    }

    @Test
    void hmacMismatchGetsInvalidSignature() throws Exception {
        HttpResponse<String> response = send(signedFields(MERCHANT, "wrong-key", CSV), "usage.csv", CSV);

        assertEquals(200, response.statusCode());
        assertEquals("Invalid signature", response.body());
    }

    @Test
    void signedFieldsAndFilePartNameAreConfigurable() throws Exception {
        simulator.setSignedFields(List.of("merchant", "file_MD5", "UsageStart"));
        simulator.setFilePartName("usage");
        Map<String, String> fields = signedFields(MERCHANT, SECRET, CSV);
        fields.put("hash", TwoCheckoutHmac.hash(SECRET,
                List.of(MERCHANT, GeneratedContent.md5(CSV), fields.get("UsageStart"))));

        assertEquals("Bad signature on the received file!", send(fields, "usage.csv", CSV).body());
        assertEquals("1", send(fields, "usage", "usage.csv", CSV).body());
    }

    @Test
    void failNextAnswers503TwiceThenProcesses() throws Exception {
        simulator.failNext(2, 503);
        Map<String, String> fields = signedFields(MERCHANT, SECRET, CSV);

        assertEquals(503, send(fields, "usage.csv", CSV).statusCode());
        assertEquals(503, send(fields, "usage.csv", CSV).statusCode());
        HttpResponse<String> third = send(fields, "usage.csv", CSV);

        assertEquals(200, third.statusCode());
        assertEquals("1", third.body());
        assertEquals(3, simulator.requestCount());
        assertEquals(1, simulator.received().size());
    }

    @Test
    void dropNextClosesTheConnectionWithoutAResponse() throws Exception {
        simulator.dropNext(1);
        Map<String, String> fields = signedFields(MERCHANT, SECRET, CSV);

        assertThrows(IOException.class, () -> send(fields, "usage.csv", CSV));

        assertEquals(1, simulator.requestCount(), "the client must not have retried the POST");
        assertEquals(List.of(), simulator.received());
        assertEquals("1", send(fields, "usage.csv", CSV).body());
    }

    @Test
    void delayedAnswerDoesNotHoldUpOtherRequests() throws Exception {
        Duration delay = Duration.ofMillis(1500);
        simulator.delayNext(1, delay);
        // whichever request arrives first is the delayed one
        CompletableFuture<Instant> first = sendAsync(signedFields(MERCHANT, SECRET, CSV), "a.csv");
        CompletableFuture<Instant> second = sendAsync(signedFields(MERCHANT, SECRET, CSV), "b.csv");

        CompletableFuture.anyOf(first, second).get();
        boolean firstWasQuick = first.isDone();
        assertNotEquals(firstWasQuick, second.isDone(), "exactly one answer must still be held");
        CompletableFuture<Instant> quick = firstWasQuick ? first : second;
        CompletableFuture<Instant> held = firstWasQuick ? second : first;
        Instant heldAnsweredAt = held.get();

        Map<String, ReceivedUpload> byFile = new LinkedHashMap<>();
        simulator.received().forEach(upload -> byFile.put(upload.fileName(), upload));
        ReceivedUpload heldUpload = byFile.get(firstWasQuick ? "b.csv" : "a.csv");
        ReceivedUpload quickUpload = byFile.get(firstWasQuick ? "a.csv" : "b.csv");
        assertTrue(heldUpload.accepted(), "a delayed upload is still processed");
        assertTrue(Duration.between(heldUpload.receivedAt(), heldAnsweredAt).compareTo(delay) >= 0);
        assertTrue(Duration.between(quickUpload.receivedAt(), quick.get()).compareTo(delay) < 0);
    }

    @Test
    void heldAnswerGoesWhenReleasedWithTheUploadAlreadyKept() throws Exception {
        simulator.delayNext(1, Duration.ofMinutes(10));
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(
                request(signedFields(MERCHANT, SECRET, CSV), "file", "held.csv", CSV),
                HttpResponse.BodyHandlers.ofString());

        assertTrue(simulator.awaitDelayed(1, Duration.ofSeconds(10)), "the answer must be held");
        assertEquals(1, simulator.accepted().size(), "the target keeps the upload before it answers");
        assertTrue(!answer.isDone());
        simulator.releaseDelayed();

        assertEquals("1", answer.get().body());
    }

    @Test
    void failAfterStoreKeepsTheUploadAndAnswersTheStatus() throws Exception {
        simulator.failAfterStoreNext(1, 500);

        HttpResponse<String> response = send(signedFields(MERCHANT, SECRET, CSV), "stored.csv", CSV);

        assertEquals(500, response.statusCode());
        assertEquals(1, simulator.accepted().size(), "stored and valid, though the client saw a 500");
        assertEquals("stored.csv", simulator.accepted().get(0).fileName());
        assertEquals("1", send(signedFields(MERCHANT, SECRET, CSV), "next.csv", CSV).body(), "one request only");
    }

    @Test
    void failAfterStoreWaitsForARequestThatIsProcessed() throws Exception {
        simulator.dropNext(1);
        simulator.failAfterStoreNext(1, 503);
        Map<String, String> fields = signedFields(MERCHANT, SECRET, CSV);

        assertThrows(IOException.class, () -> send(fields, "dropped.csv", CSV));
        assertEquals(503, send(fields, "stored.csv", CSV).statusCode());

        assertEquals(List.of("stored.csv"), simulator.accepted().stream().map(ReceivedUpload::fileName).toList());
    }

    @Test
    void largeChunkedUploadIsStoredWithItsMd5() throws Exception {
        long size = 32L * 1024 * 1024;
        String md5 = GeneratedContent.md5(7, size);
        Map<String, String> fields = signedFields(MERCHANT, SECRET, CSV);
        fields.put("file_MD5", md5);
        fields.put("hash", TwoCheckoutHmac.hash(SECRET, List.of(MERCHANT, SECRET, md5)));
        MultipartBodyWriter head = new MultipartBodyWriter();
        fields.forEach(head::field);
        byte[] headBytes = head.fileHeader("file", "big.csv").bytes();

        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.url()))
                .header("Content-Type", MultipartBodyWriter.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(
                        List.<InputStream>of(new ByteArrayInputStream(headBytes), GeneratedContent.stream(7, size),
                                new ByteArrayInputStream(MultipartBodyWriter.closing()))))))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals("1", response.body());
        ReceivedUpload upload = simulator.accepted().get(0);
        assertEquals(size, upload.size());
        assertEquals(md5, upload.fileMd5());
        assertEquals("chunked", upload.header("Transfer-Encoding"));
    }

    @Test
    void bodyThatIsNotMultipartGetsInvalidAccount() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.url()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"merchant\":\"" + MERCHANT + "\"}"))
                .build();

        assertEquals("Invalid account!", client.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void resetForgetsRecordsAndFaults() throws Exception {
        Map<String, String> fields = signedFields(MERCHANT, SECRET, CSV);
        send(fields, "usage.csv", CSV);
        simulator.failNext(5, 500);
        simulator.setFilePartName("other");

        simulator.reset();

        assertEquals(0, simulator.requestCount());
        assertEquals(List.of(), simulator.received());
        assertEquals("1", send(fields, "usage.csv", CSV).body());
    }

    /** The fields a correct client sends, signed with the default signed-field list. */
    @Test
    void stateEndpointShowsTheProcessedUploadsAndTheirVerdicts() throws Exception {
        send(signedFields(MERCHANT, SECRET, CSV), "usage.csv", CSV);
        send(signedFields("NOBODY", SECRET, CSV), "other.csv", CSV);

        JsonNode state = SandboxState.of(simulator.baseUrl());

        assertEquals(2, state.get("requestCount").asInt());
        assertEquals(2, state.get("processedCount").asInt());
        assertEquals(1, state.get("acceptedCount").asInt());
        JsonNode first = state.get("uploads").get(0);
        assertEquals("usage.csv", first.get("fileName").asText());
        assertEquals(GeneratedContent.md5(CSV), first.get("md5").asText());
        assertEquals("1", first.get("reply").asText());
        assertEquals(TwoCheckoutReceiverSimulator.INVALID_ACCOUNT, state.get("uploads").get(1).get("reply").asText());
        assertFalse(state.toString().contains(SECRET), "no secret in the state");
    }

    private static Map<String, String> signedFields(String merchant, String secret, byte[] file) throws Exception {
        String md5 = GeneratedContent.md5(file);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("merchant", merchant);
        fields.put("secret_key", secret);
        fields.put("file_MD5", md5);
        fields.put("hash", TwoCheckoutHmac.hash(secret, List.of(merchant, secret, md5)));
        fields.put("UsageStart", "2024-09-01 00:00:00");
        fields.put("UsageEnd", "2024-09-30 23:59:59");
        fields.put("OptionCode", "metered");
        fields.put("SubscriptionRef", "83FE4FEF2");
        return fields;
    }

    private HttpResponse<String> send(Map<String, String> fields, String fileName, byte[] file) throws Exception {
        return send(fields, "file", fileName, file);
    }

    private HttpResponse<String> send(Map<String, String> fields, String partName, String fileName, byte[] file)
            throws Exception {
        return client.send(request(fields, partName, fileName, file), HttpResponse.BodyHandlers.ofString());
    }

    /** Completes with the instant the client got the answer. */
    private CompletableFuture<Instant> sendAsync(Map<String, String> fields, String fileName) {
        return client.sendAsync(request(fields, "file", fileName, CSV), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    assertEquals("1", response.body());
                    return Instant.now();
                });
    }

    private HttpRequest request(Map<String, String> fields, String partName, String fileName, byte[] file) {
        MultipartBodyWriter body = new MultipartBodyWriter();
        fields.forEach(body::field);
        body.file(partName, fileName, file);
        return HttpRequest.newBuilder(URI.create(simulator.url()))
                .header("Content-Type", MultipartBodyWriter.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.finish()))
                .build();
    }
}
