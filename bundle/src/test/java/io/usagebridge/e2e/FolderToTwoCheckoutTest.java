package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceState;
import io.usagebridge.sandbox.ReceivedUpload;
import io.usagebridge.targets.twocheckout.TwoCheckoutHashSigner;

class FolderToTwoCheckoutTest extends UsageBridgeTestSupport {

    private static final String THREE_ROWS = usageCsv(
            "2026-11-01T00:00:00Z,2026-11-01T23:59:59Z,metered-api,web,83FE4FEF2",
            "2026-11-02 08:00:00,2026-11-02 09:30:00,metered-api,,83FE4FEF2",
            "2026-11-03,2026-11-03,storage-gb,\"mobile, iOS\",A1B2C3");

    @Test
    void twoCheckoutReceivesSignedFileOnceAndOriginalMovesToDone() throws Exception {
        NotifyBuilder done = whenFilesDone(1);
        drop("usage-3rows.csv", THREE_ROWS);
        assertTrue(done.matches(20, SECONDS));

        List<ReceivedUpload> received = twoCheckout.received();
        assertEquals(1, received.size());
        ReceivedUpload upload = received.get(0);
        assertEquals("1", upload.reply());
        assertEquals(MERCHANT, upload.fields().get("merchant"));
        assertEquals(upload.fileMd5(), upload.fields().get("file_MD5"), "file_MD5 is the MD5 of the bytes sent");
        assertEquals(TwoCheckoutHashSigner.hash(SECRET, List.of(MERCHANT, SECRET, upload.fileMd5())),
                upload.fields().get("hash"));
        assertEquals("usage-3rows.csv", upload.fileName());
        // dates at 2Checkout's fixed GMT+2, the quoted comma kept
        assertEquals("UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n"
                + "2026-11-01 02:00:00,2026-11-02 01:59:59,metered-api,web,83FE4FEF2\n"
                + "2026-11-02 10:00:00,2026-11-02 11:30:00,metered-api,,83FE4FEF2\n"
                + "2026-11-03 02:00:00,2026-11-03 02:00:00,storage-gb,\"mobile, iOS\",A1B2C3\n",
                Files.readString(upload.file()));
        assertFalse(upload.headers().containsKey("content-type") && upload.header("content-type").contains("xml"));

        Path kept = data.resolve("done/usage-3rows.csv");
        await().atMost(10, SECONDS).until(() -> Files.exists(kept));
        assertEquals(THREE_ROWS, Files.readString(kept), "the original is kept byte for byte");
        assertFalse(Files.exists(inbox().resolve("usage-3rows.csv")));

        SourceRow source = ledger().sources().sourcesNamed("usage-3rows.csv").get(0);
        assertEquals(SourceState.DONE, source.state());
        assertEquals(md5(THREE_ROWS), source.md5());
        assertEquals(4, source.rows());
        DeliveryRow delivery = ledger().deliveries().deliveriesOf(source.id()).get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals("twocheckout", delivery.target());
        assertEquals(upload.fileMd5(), delivery.chunkMd5());
        assertEquals(1, delivery.attempts());
        assertEquals("1", delivery.remoteResponse());
    }

    @Test
    void anOriginalThatCouldNotBeMovedIsSettledByItsNextIntakeNotCalledADuplicate() throws Exception {
        // a plain file where done/ should be: the move on commit fails, as when two nodes create it at once
        Path done = data.resolve("done");
        if (Files.isDirectory(done)) {
            Files.delete(done);
        }
        Files.writeString(done, "not a folder");
        NotifyBuilder firstIntake = whenFilesDone(1);
        drop("usage-3rows.csv", THREE_ROWS);
        assertTrue(firstIntake.matches(20, SECONDS));
        assertTrue(Files.exists(inbox().resolve("usage-3rows.csv")), "the original stays in the inbox");
        SourceRow first = ledger().sources().sourcesNamed("usage-3rows.csv").get(0);
        await().atMost(10, SECONDS).until(() -> !ledger().sources().source(first.id()).orElseThrow().leaseLive(
                java.time.Instant.now()));
        assertFalse(ledger().sources().source(first.id()).orElseThrow().moved(), "the ledger knows it did not move");

        Files.delete(done);
        Path kept = done.resolve("usage-3rows.csv");
        await().atMost(20, SECONDS).until(() -> Files.exists(kept));

        assertEquals(1, twoCheckout.received().size(), "sent once");
        assertFalse(Files.exists(data.resolve("duplicate/usage-3rows.csv")));
        List<SourceRow> sources = ledger().sources().sourcesNamed("usage-3rows.csv");
        assertEquals(SourceState.DONE, sources.get(sources.size() - 1).state());
    }

    @Test
    void aFileNamedAtTheFileSystemsLimitIsTakenAndKept() throws Exception {
        String name = "u".repeat(251) + ".csv"; // 255 bytes, the most a Linux file name holds
        NotifyBuilder done = whenFilesDone(1);
        drop(name, THREE_ROWS);
        assertTrue(done.matches(20, SECONDS));
        await().atMost(10, SECONDS).until(() -> Files.exists(data.resolve("done").resolve(name)));
        assertEquals(1, twoCheckout.received().size());

        // the same content again: kept in duplicate/ under a name with its id, cut to fit
        NotifyBuilder again = whenFilesDone(1);
        drop(name, THREE_ROWS);
        assertTrue(again.matches(20, SECONDS));
        await().atMost(10, SECONDS).until(() -> Files.exists(data.resolve("duplicate").resolve(name)));
        drop(name, THREE_ROWS);
        await().atMost(20, SECONDS).until(() -> {
            try (var kept = Files.list(data.resolve("duplicate"))) {
                return kept.count() == 2;
            }
        });
        assertEquals(1, twoCheckout.received().size());
    }

    @Test
    void aBadFileNamedAtTheFileSystemsLimitGetsItsSidecarUnderAFittedName() throws Exception {
        String name = "b".repeat(251) + ".csv";
        NotifyBuilder done = whenFilesDone(1);
        drop(name, usageCsv("not-a-date,2026-11-01T23:59:59Z,metered-api,web,83FE4FEF2"));
        assertTrue(done.matches(20, SECONDS));
        await().atMost(10, SECONDS).until(() -> Files.exists(data.resolve("failed").resolve(name)));
        try (var files = Files.list(data.resolve("failed"))) {
            Path sidecar = files.filter(f -> f.getFileName().toString().endsWith(".error.json")).findFirst()
                    .orElseThrow();
            assertEquals("CSV_VALUE_INVALID", new ObjectMapper().readTree(sidecar.toFile()).get("code").asText());
        }
        assertEquals(0, twoCheckout.received().size());
    }

    @Test
    void sameContentDroppedTwiceIsSentOnceAndTheCopyIsADuplicate() throws Exception {
        NotifyBuilder first = whenFilesDone(1);
        drop("usage-a.csv", THREE_ROWS);
        assertTrue(first.matches(20, SECONDS));
        NotifyBuilder second = whenFilesDone(1);
        drop("usage-a-renamed.csv", THREE_ROWS);
        assertTrue(second.matches(20, SECONDS));

        assertEquals(1, twoCheckout.requestCount());
        await().atMost(10, SECONDS).until(() -> Files.exists(data.resolve("duplicate/usage-a-renamed.csv")));
        SourceRow copy = ledger().sources().sourcesNamed("usage-a-renamed.csv").get(0);
        assertEquals(SourceState.DUPLICATE, copy.state());
        assertEquals(ledger().sources().sourcesNamed("usage-a.csv").get(0).id(), copy.duplicateOf());

        // a new file with an old name is new content: it is sent
        NotifyBuilder third = whenFilesDone(1);
        drop("usage-a.csv", usageCsv("2026-11-04,2026-11-04,metered-api,,83FE4FEF2"));
        assertTrue(third.matches(20, SECONDS));
        assertEquals(2, twoCheckout.requestCount());
        await().atMost(10, SECONDS).until(() -> Files.list(data.resolve("done")).count() == 2);
    }

    @Test
    void invalidFileIsRejectedBeforeAnyCallWithLineAndValue() throws Exception {
        NotifyBuilder done = whenFilesDone(1);
        String bad = usageCsv("2026-11-01,not-a-date,metered-api,,83FE4FEF2",
                "2026-11-05,2026-11-01,metered-api,,83FE4FEF2");
        drop("bad-dates.csv", bad);
        assertTrue(done.matches(20, SECONDS));

        assertEquals(0, twoCheckout.requestCount());
        Path sidecar = data.resolve("failed/bad-dates.csv.error.json");
        await().atMost(10, SECONDS).until(() -> Files.exists(sidecar) && Files.exists(data.resolve("failed/bad-dates.csv")));
        assertEquals(bad, Files.readString(data.resolve("failed/bad-dates.csv")));
        JsonNode error = new ObjectMapper().readTree(sidecar.toFile());
        assertEquals("CSV_VALUE_INVALID", error.get("code").asText());
        assertEquals("twocheckout", error.get("target").asText());
        assertEquals("validate", error.get("stage").asText());
        String message = error.get("message").asText();
        assertTrue(message.contains("line 2") && message.contains("UsageEnd") && message.contains("not-a-date"), message);
        assertTrue(message.contains("line 3") && message.contains("after UsageEnd"), message);
        assertFalse(Files.readString(sidecar).contains(SECRET));
    }

    static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
