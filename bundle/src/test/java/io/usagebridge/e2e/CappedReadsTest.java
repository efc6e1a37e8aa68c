package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;

/**
 * Input and answers too long to read whole: a runaway record or field, a quote that never closes, an answer
 * padded far past its size. Each ends in failed/ with its code and line (the original byte for byte, nothing
 * sent), and the app keeps taking files.
 */
class CappedReadsTest extends UsageBridgeTestSupport {

    private static final String GOOD = usageCsv("2026-11-01,2026-11-01,metered-api,,83FE4FEF2");

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("http.max-reply-bytes", "4096");
        return p;
    }

    @Test
    void tenMegabyteSingleLineGoesToFailedWithTheRecordCodeOnLine1() throws Exception {
        Path staged = data.resolve("staging/one-line.csv");
        Files.createDirectories(staged.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
            out.write("UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef");
            for (int i = 0; i < 2 * 1024 * 1024; i++) {
                out.write(",x,y"); // never a line break: 8 MiB of one header line
            }
            out.write(",z".repeat(1024 * 1024));
        }
        assertTrue(Files.size(staged) >= 10_000_000);
        String md5 = md5(staged);

        JsonNode error = failedWith("one-line.csv", staged, "CSV_RECORD_TOO_LONG");

        assertTrue(error.get("message").asText().contains("line 1: the record is longer than 1048576 characters"),
                error.toString());
        assertEquals(md5, md5(data.resolve("failed/one-line.csv")), "the original is kept byte for byte");
        assertFalse(error.toString().contains("OutOfMemoryError"), error.toString());
        assertEquals(0, twoCheckout.requestCount(), "nothing sent");
        appStillTakesFiles(GOOD);
    }

    @Test
    void quoteNeverClosedGoesToFailedWithItsCodeAndTheLineItOpenedOn() throws Exception {
        String csv = usageCsv("2026-11-01,2026-11-01,metered-api,,83FE4FEF2",
                "2026-11-02,2026-11-02,metered-api,\"runaway description,83FE4FEF2",
                "2026-11-03,2026-11-03,metered-api,,83FE4FEF2");

        JsonNode error = failedWith("quote.csv", csv, "CSV_QUOTE_UNTERMINATED");

        assertTrue(error.get("message").asText().contains("line 3: the double quote opened here (column 4) is "
                + "never closed"), error.toString());
        assertEquals(0, twoCheckout.requestCount(), "nothing sent");
    }

    @Test
    void fieldOverTheCapGoesToFailedWithItsCodeLineAndColumn() throws Exception {
        String csv = usageCsv("2026-11-01,2026-11-01,metered-api,,83FE4FEF2",
                "2026-11-02,2026-11-02,metered-api," + "d".repeat(70_000) + ",83FE4FEF2");

        JsonNode error = failedWith("long-field.csv", csv, "CSV_FIELD_TOO_LONG");

        assertTrue(error.get("message").asText().contains("line 3, column 4: the value is longer than 65536 "
                + "characters (csv.max-field-chars)"), error.toString());
        assertEquals(0, twoCheckout.requestCount(), "nothing sent");
    }

    @Test
    void answerPaddedPastTheReplyCapIsNotReadWholeAndTheSendIsUncertain() throws Exception {
        // "1" and 64 KiB of spaces: a reader that reads everything and trims would call it accepted
        twoCheckout.padNextReplies(1, 64 * 1024);

        JsonNode error = failedWith("padded.csv", GOOD, "DELIVERY_UNCERTAIN");

        String message = error.get("message").asText();
        assertTrue(message.contains("2Checkout's answer is longer than 4096 bytes (http.max-reply-bytes)"), message);
        assertTrue(message.contains("TARGET_REPLY_TOO_LARGE"), message);
        assertEquals(1, twoCheckout.requestCount(), "sent once, never resent on its own");
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("twocheckout").get(0);
        assertEquals(DeliveryState.UNCERTAIN, delivery.state());
    }

    @Test
    void answerThatNeverEndsIsCutAtTheCapItsConnectionDroppedAndTheNextFileGoes() throws Exception {
        // a chunked body written for ever: reading it whole, or closing it the HTTP client's way, never returns
        twoCheckout.answerEndlessNext(1);

        JsonNode error = failedWith("endless.csv", GOOD, "DELIVERY_UNCERTAIN");

        String message = error.get("message").asText();
        assertTrue(message.contains("2Checkout's answer is longer than 4096 bytes (http.max-reply-bytes)"), message);
        assertTrue(message.contains("TARGET_REPLY_TOO_LARGE"), message);
        await().atMost(10, SECONDS).until(() -> twoCheckout.endlessAnswersCutOff() == 1);
        assertEquals(DeliveryState.UNCERTAIN, ledger().deliveries().deliveriesTo("twocheckout").get(0).state());
        // the consumer thread was freed: other content goes through at once
        appStillTakesFiles(usageCsv("2026-11-02,2026-11-02,metered-api,,83FE4FEF2"));
    }

    @Test
    void errorAnswerThatNeverEndsIsCutAtTheCapToo() throws Exception {
        // a 500 whose body never ends: camel-http copies an error body into its exception; that copy is capped
        twoCheckout.failAfterStoreNext(1, 500);
        twoCheckout.answerEndlessNext(1);

        JsonNode error = failedWith("endless-500.csv", GOOD, "DELIVERY_UNCERTAIN");

        assertTrue(error.get("message").asText().contains("TARGET_REPLY_TOO_LARGE"), error.toString());
        await().atMost(10, SECONDS).until(() -> twoCheckout.endlessAnswersCutOff() == 1);
        assertEquals(1, twoCheckout.requestCount(), "sent once, never resent on its own");
    }

    private JsonNode failedWith(String name, String content, String code) throws Exception {
        Path staged = data.resolve("staging").resolve(name);
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, content, StandardCharsets.UTF_8);
        JsonNode error = failedWith(name, staged, code);
        assertEquals(content, Files.readString(data.resolve("failed").resolve(name)), "kept byte for byte");
        return error;
    }

    private JsonNode failedWith(String name, Path staged, String code) throws Exception {
        NotifyBuilder done = whenFilesDone(1);
        Files.createDirectories(inbox());
        Files.move(staged, inbox().resolve(name));
        assertTrue(done.matches(60, SECONDS));
        Path kept = data.resolve("failed").resolve(name);
        Path sidecar = data.resolve("failed").resolve(name + ".error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(kept) && Files.exists(sidecar));
        JsonNode error = new ObjectMapper().readTree(Files.readString(sidecar));
        assertEquals(code, error.get("code").asText(), error.toString());
        return error;
    }

    private void appStillTakesFiles(String content) throws IOException {
        int acceptedBefore = twoCheckout.accepted().size();
        NotifyBuilder done = whenFilesDone(1);
        drop("after.csv", content);
        assertTrue(done.matches(30, SECONDS));
        await().atMost(20, SECONDS).until(() -> Files.exists(data.resolve("done/after.csv")));
        assertEquals(acceptedBefore + 1, twoCheckout.accepted().size());
    }

    private static String md5(Path file) throws Exception {
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        try (var in = new java.security.DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return java.util.HexFormat.of().formatHex(md5.digest());
    }
}
