package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.ReceivedUpload;

/**
 * Files go through the intake's workers side by side, and a target takes no more sends at once than its
 * {@code max-concurrent-sends}: the others wait, claimed, until a send ends; every file still arrives once.
 */
class ConcurrentSendsTest extends UsageBridgeTestSupport {

    private static final int FILES = 6;

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("intake.workers", "4");
        p.put("target.twocheckout.max-concurrent-sends", "2");
        return p;
    }

    @Test
    void fourWorkersSendTwoAtOnceToATargetLimitedToTwoAndEveryFileArrivesOnce() throws Exception {
        twoCheckout.delayNext(2, Duration.ofSeconds(30));
        NotifyBuilder done = whenFilesDone(FILES);
        for (int i = 1; i <= FILES; i++) {
            drop("usage-" + i + ".csv", usageCsv("2026-11-0" + i + ",2026-11-0" + i + ",metered-api,web,SUB" + i));
        }

        assertTrue(twoCheckout.awaitDelayed(2, Duration.ofSeconds(20)), "two sends in progress at once");
        // the other two workers have claimed their files' deliveries and wait at the gate, nothing sent
        await().atMost(20, SECONDS).until(() -> count(DeliveryState.CLAIMED) == 2);
        assertEquals(2, count(DeliveryState.SENDING));
        assertEquals(2, twoCheckout.requestCount(), "no third request while two are in progress");
        assertEquals(2, twoCheckout.heldNow());

        twoCheckout.releaseDelayed();
        assertTrue(done.matches(30, SECONDS));
        List<ReceivedUpload> received = twoCheckout.received();
        assertEquals(FILES, received.size());
        Set<String> sent = received.stream().map(ReceivedUpload::fileMd5).collect(Collectors.toSet());
        assertEquals(FILES, sent.size(), "each file's content exactly once");
        for (DeliveryRow delivery : ledger().deliveries().deliveriesTo("twocheckout")) {
            assertEquals(DeliveryState.ACCEPTED, delivery.state());
            assertEquals(1, delivery.attempts());
            assertTrue(sent.contains(delivery.chunkMd5()));
        }
        IntStream.rangeClosed(1, FILES).forEach(i -> await().atMost(10, SECONDS)
                .until(() -> Files.exists(data.resolve("done/usage-" + i + ".csv"))));
    }

    private long count(DeliveryState state) {
        return ledger().deliveries().deliveriesTo("twocheckout").stream().filter(d -> d.state() == state).count();
    }
}
