package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.intake.UnsafeFileNames;

/** A real file named "a\nb.csv" in the inbox: never taken, warned about once (escaped), other files flow. */
class UnsafeFileNameTest extends UsageBridgeTestSupport {

    private static final String GOOD = usageCsv("2026-11-01,2026-11-01,metered-api,,83FE4FEF2");

    @Test
    void fileNameWithALineFeedIsNeverTakenAndWarnedAboutOnce() throws Exception {
        Files.createDirectories(inbox());
        Path unsafe = inbox().resolve("a\nb.csv");
        Files.writeString(unsafe, GOOD);
        UnsafeFileNames names = context.getRegistry().lookupByNameAndType("unsafeFileNames", UnsafeFileNames.class);
        await().atMost(20, SECONDS).until(() -> names.warned().contains(unsafe.toAbsolutePath().toString()));

        // several polls later (a good file taken after it), still once and still where it was
        NotifyBuilder done = whenFilesDone(1);
        drop("good.csv", GOOD);
        assertTrue(done.matches(30, SECONDS));
        await().atMost(20, SECONDS).until(() -> Files.exists(data.resolve("done/good.csv")));
        assertEquals(1, names.warned().size(), names.warned().toString());
        assertTrue(Files.exists(unsafe), "left where it is, unchanged");
        assertFalse(Files.exists(data.resolve("failed/a\nb.csv")));
        assertEquals(1, twoCheckout.requestCount(), "only the good file was sent");
        assertTrue(ledger().deliveries().deliveriesTo("twocheckout").size() == 1);
    }
}
