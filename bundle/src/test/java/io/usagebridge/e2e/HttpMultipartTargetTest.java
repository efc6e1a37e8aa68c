package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.HttpMultipartUpload;

/** The http-multipart target (the shipped routes/available file) against the sandbox's multipart receiver. */
class HttpMultipartTargetTest extends HttpMultipartTestSupport {

    private static final String TOKEN = "receiver-t0ken-3f9a1c";
    private static final String CSV = "account,metric,units,day\nA-1,api-calls,120,2026-11-01\n"
            + "A-2,storage-gb,3,2026-11-01\n";

    @BeforeEach
    void resetReceiver() {
        receiver.reset();
        receiver.requireToken(TOKEN);
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("target." + TARGET + ".token", TOKEN);
        return p;
    }

    @Test
    void receiverGetsExactlyTheBytesWithMatchingMd5AndTheDeliveryIsAcceptedWithItsId() throws Exception {
        drop(TARGET + "/usage.csv", CSV);
        Path done = data.resolve("done/" + TARGET + "/usage.csv");
        await().atMost(20, SECONDS).until(() -> Files.exists(done));

        assertEquals(CSV, Files.readString(done), "the original is kept byte for byte");
        assertEquals(1, receiver.stored().size());
        HttpMultipartUpload upload = receiver.stored().get(0);
        assertEquals(CSV, Files.readString(upload.file()), "the receiver got exactly the file's bytes");
        assertEquals(FolderToTwoCheckoutTest.md5(CSV), upload.md5());
        assertEquals(upload.md5(), upload.fields().get("md5"));
        assertEquals(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(upload.md5())),
                upload.header("Content-MD5"));
        assertEquals("usage.csv", upload.fileName());
        assertEquals("Bearer " + TOKEN, upload.header("Authorization"));
        assertTrue(upload.header("Content-Type").startsWith("multipart/form-data"));
        assertTrue(upload.headers().containsKey("content-length"), "sent with a length, not chunked");

        DeliveryRow delivery = ledger().deliveries().deliveriesTo(TARGET).get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals(upload.id(), delivery.remoteId());
        assertEquals(upload.md5(), delivery.chunkMd5());
        assertEquals(1, delivery.attempts());
        assertFalse(Files.exists(inbox().resolve(TARGET + "/usage.csv")));
    }

    @Test
    void receiverRefusalLandsInFailedWithItsCodeAndReasonAndNoToken() throws Exception {
        receiver.requireFields("account_id");

        JsonNode error = assertFailed("HTTP_MULTIPART_REJECTED", DeliveryState.REJECTED, 1);

        String message = error.get("message").asText();
        assertTrue(message.contains("HTTP 400") && message.contains("missing form field 'account_id'"), message);
        assertEquals(1, receiver.requestCount(), "a refusal is not retried");
        assertTrue(receiver.stored().isEmpty());
    }

    @Test
    void refusedTokenIsNamedByItsKeyAndNeverWritten() throws Exception {
        receiver.requireToken("the-receivers-own-token");

        JsonNode error = assertFailed("HTTP_MULTIPART_AUTH_REFUSED", DeliveryState.REJECTED, 1);

        assertTrue(error.get("message").asText().contains("target." + TARGET + ".token"), error.toString());
    }

    @Test
    void serviceUnavailableWithRetryAfterIsWaitedOutAndUploadedOnce() throws Exception {
        receiver.failNext(1, 503, Duration.ofSeconds(1));
        drop(TARGET + "/usage.csv", CSV);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/" + TARGET + "/usage.csv")));

        assertEquals(2, receiver.requestCount());
        assertEquals(1, receiver.stored().size(), "one upload only");
        var times = receiver.requestTimes();
        long waited = Duration.between(times.get(0), times.get(1)).toMillis();
        assertTrue(waited >= 1000, "waited " + waited + " ms, Retry-After said 1 s");
        DeliveryRow delivery = ledger().deliveries().deliveriesTo(TARGET).get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals(2, delivery.attempts());
    }

    @Test
    void serverErrorAfterTheBodyWasWrittenIsUncertainAndNotResent() throws Exception {
        receiver.failAfterStoreNext(1, 500);

        assertFailed("DELIVERY_UNCERTAIN", DeliveryState.UNCERTAIN, 1);

        assertEquals(1, receiver.requestCount(), "no idempotency key: never resent on its own");
        assertEquals(1, receiver.stored().size());
    }

    private JsonNode assertFailed(String code, DeliveryState state, int attempts) throws Exception {
        drop(TARGET + "/usage.csv", CSV);
        Path kept = data.resolve("failed/" + TARGET + "/usage.csv");
        Path sidecar = data.resolve("failed/" + TARGET + "/usage.csv.error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(kept) && Files.exists(sidecar));
        assertEquals(CSV, Files.readString(kept), "the original is kept byte for byte");
        String json = Files.readString(sidecar);
        assertFalse(json.contains(TOKEN), "no token in the sidecar: " + json);
        JsonNode error = new ObjectMapper().readTree(json);
        assertEquals(code, error.get("code").asText(), json);
        assertEquals(TARGET, error.get("target").asText());
        assertEquals(attempts, error.get("attempts").asInt(), json);
        DeliveryRow delivery = ledger().deliveries().deliveriesTo(TARGET).get(0);
        assertEquals(state, delivery.state());
        assertEquals(code, delivery.errorCode());
        assertFalse(String.valueOf(delivery.errorMessage()).contains(TOKEN)
                || String.valueOf(delivery.remoteResponse()).contains(TOKEN), "no token in the ledger");
        return error;
    }
}
