package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.AttemptRow;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.Resolutions;
import io.usagebridge.ledger.SourceState;

/** Each way 2Checkout can refuse a file, and each way the network can fail, ends where a user expects. */
class TwoCheckoutFailuresTest extends UsageBridgeTestSupport {

    private static final String CSV = usageCsv("2026-11-01,2026-11-01,metered-api,,83FE4FEF2",
            "2026-11-02,2026-11-02,metered-api,,83FE4FEF2");

    @Override
    protected Properties testProperties() {
        return withExtraTargets(super.testProperties());
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return List.of(EXTRA_ROUTES);
    }

    @Test
    void unknownMerchantLandsInFailedWithInvalidAccountCode() throws Exception {
        assertFailedWith("twocheckout-unknown-merchant/usage.csv", CSV, "TWOCHECKOUT_INVALID_ACCOUNT",
                "Invalid account!", DeliveryState.REJECTED, 1);
        assertEquals(1, twoCheckout.requestCount(), "a refusal is not retried");
    }

    @Test
    void wrongSecretLandsInFailedWithInvalidSignatureCode() throws Exception {
        assertFailedWith("twocheckout-wrong-secret/usage.csv", CSV, "TWOCHECKOUT_INVALID_SIGNATURE",
                "Invalid signature", DeliveryState.REJECTED, 1);
    }

    @Test
    void serviceUnavailableStormIsRetriedWithBackoffThenDeadLettered() throws Exception {
        twoCheckout.failNext(50, 503);
        JsonNode error = assertFailedWith("usage.csv", CSV, "TARGET_UNAVAILABLE", null, DeliveryState.FAILED, 4);
        assertEquals(4, twoCheckout.requestCount(), "1 try + 3 redeliveries (deliver.retry.max-redeliveries)");
        assertTrue(error.get("retryable").asBoolean());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("twocheckout").get(0);
        List<AttemptRow> attempts = ledger().attempts().attemptsOf(delivery.id());
        assertEquals(4, attempts.size());
        assertTrue(attempts.stream().allMatch(a -> Integer.valueOf(503).equals(a.httpStatus())), attempts.toString());
        // the waits grow: exponential backoff between the simulator's arrivals
        var times = twoCheckout.requestTimes();
        long first = times.get(1).toEpochMilli() - times.get(0).toEpochMilli();
        long third = times.get(3).toEpochMilli() - times.get(2).toEpochMilli();
        assertTrue(third > first, "backoff grows: " + first + " ms then " + third + " ms");
    }

    @Test
    void twoServiceUnavailableAnswersThenSuccessIsAcceptedOnTheThirdAttempt() throws Exception {
        twoCheckout.failNext(2, 503);
        drop("usage.csv", CSV);
        // the retries are parked: the original waits in inflight/ meanwhile, then moves on to done/
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/usage.csv")));
        assertFalse(Files.exists(data.resolve("inflight/usage.csv")));
        assertEquals(1, twoCheckout.accepted().size());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("twocheckout").get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals(3, delivery.attempts());
        await().atMost(10, SECONDS).until(() -> Files.exists(data.resolve("done/usage.csv")));
    }

    @Test
    void connectionDroppedAfterTheRequestIsUncertainAndNeverResentEvenWhenTheFileIsDroppedAgain() throws Exception {
        twoCheckout.dropNext(1);
        JsonNode error = assertFailedWith("usage.csv", CSV, "DELIVERY_UNCERTAIN", null, DeliveryState.UNCERTAIN, 1);
        assertEquals(1, twoCheckout.requestCount());
        assertTrue(error.get("replay").asText().contains("resolve"), error.toString());

        // moved back into the inbox, as an old habit would: it waits in failed/ again, nothing is sent
        NotifyBuilder again = whenFilesDone(1);
        Files.delete(data.resolve("failed/usage.csv.error.json"));
        Files.move(data.resolve("failed/usage.csv"), inbox().resolve("usage.csv"));
        assertTrue(again.matches(30, SECONDS));
        await().atMost(10, SECONDS).until(() -> Files.exists(data.resolve("failed/usage.csv"))
                && Files.exists(data.resolve("failed/usage.csv.error.json")));
        assertEquals(1, twoCheckout.requestCount(), "an uncertain send is never resent from the inbox");
        assertEquals(DeliveryState.UNCERTAIN, ledger().deliveries().deliveriesTo("twocheckout").get(0).state());
    }

    @Test
    void uncertainSendResolvedAsDeliveredGoesToDoneWithNothingSent() throws Exception {
        twoCheckout.dropNext(1);
        assertFailedWith("usage.csv", CSV, "DELIVERY_UNCERTAIN", null, DeliveryState.UNCERTAIN, 1);
        long delivery = ledger().deliveries().deliveriesTo("twocheckout").get(0).id();

        resolutions().resolve(delivery, Resolutions.Resolution.DELIVERED, "ops@example.com", "seen in 2Checkout");

        await().atMost(10, SECONDS).until(() -> Files.exists(data.resolve("done/usage.csv")));
        assertFalse(Files.exists(data.resolve("failed/usage.csv")));
        assertFalse(Files.exists(data.resolve("failed/usage.csv.error.json")), "the stale sidecar is gone");
        assertEquals(CSV, Files.readString(data.resolve("done/usage.csv")));
        assertEquals(1, twoCheckout.requestCount(), "nothing was sent");
        DeliveryRow row = ledger().deliveries().deliveriesTo("twocheckout").get(0);
        assertEquals(DeliveryState.ACCEPTED, row.state());
        assertEquals("ops@example.com", row.resolvedBy());
        assertEquals(SourceState.DONE, ledger().sources().source(row.sourceId()).orElseThrow().state());
    }

    @Test
    void uncertainSendResolvedAsResendIsSentOnceMoreOnPurpose() throws Exception {
        twoCheckout.dropNext(1);
        assertFailedWith("usage.csv", CSV, "DELIVERY_UNCERTAIN", null, DeliveryState.UNCERTAIN, 1);
        long delivery = ledger().deliveries().deliveriesTo("twocheckout").get(0).id();

        resolutions().resolve(delivery, Resolutions.Resolution.RESEND, "ops@example.com", "not in 2Checkout");

        await().atMost(10, SECONDS).until(() -> Files.exists(data.resolve("done/usage.csv")));
        assertEquals(2, twoCheckout.requestCount(), "one deliberate second send");
        assertEquals(1, twoCheckout.accepted().size());
        assertEquals(2, ledger().attempts().attemptsOf(delivery).size());
        assertEquals("RESEND", ledger().deliveries().delivery(delivery).orElseThrow().resolution());
    }

    @Test
    void unreachableTargetIsRetriedThenDeadLettered() throws Exception {
        int port = twoCheckout.port();
        twoCheckout.stop();
        try {
            assertFailedWith("usage.csv", CSV, "TARGET_UNREACHABLE", null, DeliveryState.FAILED, 4);
        } finally {
            twoCheckout.start(port);
        }
    }

    private Resolutions resolutions() {
        return context.getRegistry().lookupByNameAndType("resolutions", Resolutions.class);
    }

    private JsonNode assertFailedWith(String name, String content, String code, String targetReply,
                                      DeliveryState state, int attempts) throws Exception {
        NotifyBuilder done = whenFilesDone(1);
        drop(name, content);
        assertTrue(done.matches(30, SECONDS));
        Path kept = data.resolve("failed").resolve(name);
        Path sidecar = data.resolve("failed").resolve(name + ".error.json");
        await().atMost(10, SECONDS).until(() -> Files.exists(kept) && Files.exists(sidecar));
        assertEquals(content, Files.readString(kept), "the original is kept byte for byte");
        assertFalse(Files.exists(inbox().resolve(name)));
        String json = Files.readString(sidecar);
        assertFalse(json.contains(SECRET) || json.contains("not-the-secret"), "no secret in the sidecar");
        JsonNode error = new ObjectMapper().readTree(json);
        assertEquals(code, error.get("code").asText(), json);
        assertEquals(attempts, error.get("attempts").asInt(), json);
        if (targetReply != null) {
            assertEquals(targetReply, error.get("targetReply").asText());
        }
        String target = name.contains("/") ? name.substring(0, name.indexOf('/')) : "twocheckout";
        DeliveryRow delivery = ledger().deliveries().deliveriesTo(target).get(0);
        assertEquals(state, delivery.state());
        assertEquals(code, delivery.errorCode());
        assertEquals(attempts, delivery.attempts());
        return error;
    }
}
