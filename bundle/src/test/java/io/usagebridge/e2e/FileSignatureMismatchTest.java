package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.io.RandomAccessFile;

import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.ledger.DeliveryState;

/** The bytes changed between signing and sending (a corrupting proxy): 2Checkout's MD5 check catches it. */
class FileSignatureMismatchTest extends UsageBridgeTestSupport {

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    /** Same length (the multipart body stays well formed), other bytes. */
    private static void corruptOneByte(java.nio.file.Path file) throws java.io.IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 2);
            int b = raf.read();
            raf.seek(raf.length() - 2);
            raf.write(b == 'X' ? 'Y' : 'X');
        }
    }

    @Test
    void fileChangedAfterSigningLandsInFailedWithFileMd5MismatchCode() throws Exception {
        AdviceWith.adviceWith(context, "deliver-twocheckout", route -> route.weaveByToString("process\\[.*attemptStarter\\]")
                .before().process(exchange -> corruptOneByte(
                        exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class).path())));
        context.start();
        String csv = usageCsv("2026-11-01,2026-11-01,metered-api,,SUB-1");
        NotifyBuilder done = whenFilesDone(1);
        drop("usage.csv", csv);
        assertTrue(done.matches(30, SECONDS));

        assertEquals("Bad signature on the received file!", twoCheckout.received().get(0).reply());
        await().atMost(10, SECONDS).until(() -> Files.exists(data.resolve("failed/usage.csv.error.json"))
                && Files.exists(data.resolve("failed/usage.csv")));
        assertEquals("TWOCHECKOUT_FILE_MD5_MISMATCH", new ObjectMapper()
                .readTree(data.resolve("failed/usage.csv.error.json").toFile()).get("code").asText());
        assertEquals(csv, Files.readString(data.resolve("failed/usage.csv")), "the original is untouched");
        assertEquals(DeliveryState.REJECTED, ledger().deliveries().deliveriesTo("twocheckout").get(0).state());
    }
}
