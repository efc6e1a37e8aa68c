package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceState;

/**
 * The app dies mid-delivery and is started again on the same ledger and inbox. The first app is a real one
 * whose delivery thread hangs at the chosen step (as a killed process would stop there); it is shut down
 * forcibly, then this test's context starts as the restarted app.
 */
class RestartRecoveryTest extends UsageBridgeTestSupport {

    private static final String CSV = usageCsv("2026-11-01,2026-11-01,metered-api,,SUB-1");

    private final CountDownLatch reachedStep = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true); // this test's context is the second run: started by the test
    }

    @AfterEach
    void releaseHungThread() {
        released.countDown();
    }

    @Test
    void appRestartedBetweenClaimAndSendSendsTheFileExactlyOnce() throws Exception {
        runFirstAppUntilItDiesAt("deliver", "process\\[.*deliveryClaimer\\]");
        assertEquals(0, twoCheckout.requestCount(), "the first run died before sending");

        context.start();
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/usage.csv")));
        assertEquals(1, twoCheckout.requestCount());
        assertEquals(1, twoCheckout.accepted().size());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("twocheckout").get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals(1, delivery.attempts());
        assertEquals(CSV, Files.readString(data.resolve("done/usage.csv")));
        assertEquals(List.of(SourceState.INTERRUPTED, SourceState.DONE),
                ledger().sources().sourcesNamed("usage.csv").stream().map(SourceRow::state).toList());
    }

    @Test
    void appRestartedAfterTheRequestWasWrittenReportsItUncertainAndDoesNotResend() throws Exception {
        runFirstAppUntilItDiesAt("deliver-twocheckout", "To\\[\\{\\{url.*");
        assertEquals(1, twoCheckout.requestCount(), "the request reached 2Checkout before the first run died");

        context.start();
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("failed/usage.csv.error.json"))
                && Files.exists(data.resolve("failed/usage.csv")));
        assertEquals("DELIVERY_UNCERTAIN", new ObjectMapper()
                .readTree(data.resolve("failed/usage.csv.error.json").toFile()).get("code").asText());
        assertEquals(1, twoCheckout.requestCount(), "never resent on its own");
        assertEquals(DeliveryState.UNCERTAIN, ledger().deliveries().deliveriesTo("twocheckout").get(0).state());
        assertEquals(CSV, Files.readString(data.resolve("failed/usage.csv")));
    }

    @Test
    void appStoppedBetweenMovingAnOriginalAndRecordingTheMoveStillFinishesTheFile() throws Exception {
        twoCheckout.failNext(1, 503);
        Properties firstRun = testProperties();
        firstRun.put("deliver.retry.initial-delay-ms", "60000"); // parked long enough to stop the app meanwhile
        CamelContext first = firstApp(firstRun);
        first.start();
        drop("usage.csv", CSV);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("inflight/usage.csv"))
                && ledgerOf(first).sources().sourcesNamed("usage.csv").stream().allMatch(SourceRow::moved));
        first.stop();
        // as SIGTERM left it once: the original in inflight/, its move not recorded; and the retry due now
        try (Connection ledger = DriverManager.getConnection("jdbc:h2:file:"
                + data.resolve("ledger/usagebridge").toAbsolutePath(), "usagebridge", "");
             Statement sql = ledger.createStatement()) {
            assertEquals(1, sql.executeUpdate("update source_file set moved = false where name = 'usage.csv'"));
            sql.executeUpdate("update delivery set next_attempt_at = current_timestamp where state = 'PARKED'");
        }

        context.start();
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/usage.csv")));
        assertFalse(Files.exists(data.resolve("inflight/usage.csv")));
        assertEquals(1, twoCheckout.accepted().size(), "sent once more after the 503, and only once");
        assertEquals(CSV, Files.readString(data.resolve("done/usage.csv")));
        assertEquals(List.of(SourceState.DONE), ledger().sources().sourcesNamed("usage.csv").stream()
                .map(SourceRow::state).toList());
    }

    private static Ledger ledgerOf(CamelContext app) {
        return app.getRegistry().lookupByNameAndType("ledger", Ledger.class);
    }

    /** A first app on this test's data, wired as the app wires it, not started yet. */
    private static CamelContext firstApp(Properties properties) throws Exception {
        CamelContext first = new DefaultCamelContext();
        configure(first, properties);
        List<RoutesBuilder> builders = routeBuilders(first, List.of());
        for (RoutesBuilder builder : builders) {
            first.addRoutes(builder);
        }
        for (RoutesBuilder builder : builders) {
            builder.addTemplatedRoutesToCamelContext(first); // what camel-main does after adding routes
        }
        return first;
    }

    /** Starts a first app on this test's data, drops the file, and kills the app once it hangs after the step. */
    private void runFirstAppUntilItDiesAt(String route, String step) throws Exception {
        CamelContext first = firstApp(testProperties());
        AdviceWith.adviceWith(first, route, advice -> advice.weaveByToString(step).after()
                .process(hangUntilReleased()));
        first.getShutdownStrategy().setTimeout(1);
        first.start();
        drop("usage.csv", CSV);
        assertTrue(reachedStep.await(30, SECONDS));
        first.stop(); // forced after 1 s: the in-flight file is neither moved nor finalised
        assertTrue(Files.exists(inbox().resolve("usage.csv")), "a dead app leaves the file in the inbox");
    }

    /** The hung delivery thread: it ignores interrupts, like a process that is gone, until the test ends. */
    private Processor hangUntilReleased() {
        return exchange -> {
            reachedStep.countDown();
            boolean done = false;
            while (!done) {
                try {
                    done = released.await(60, SECONDS);
                } catch (InterruptedException ignored) {
                    // a dead process does not wake up
                }
            }
            throw new IllegalStateException("this run died");
        };
    }
}
