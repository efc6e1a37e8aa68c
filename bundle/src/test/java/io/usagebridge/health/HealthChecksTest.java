package io.usagebridge.health;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;

/** Liveness catches a consumer stuck in a poll; readiness follows the targets' reachability. */
class HealthChecksTest extends UsageBridgeTestSupport {

    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("health.intake-stall-after-ms", "1000");
        return p;
    }

    @AfterEach
    void releaseHungPoll() {
        release.countDown();
    }

    private IntakeLivenessCheck liveness() {
        return context.getRegistry().lookupByNameAndType("intakeLivenessCheck", IntakeLivenessCheck.class);
    }

    @Test
    void livenessGoesDownWhenAConsumerHangsInAPoll() throws Exception {
        // the hang a stuck SFTP read produces: the poll starts and never returns
        AdviceWith.adviceWith(context, "intake-folder", route -> route.weaveAddFirst().process(e -> release.await()));
        context.start();
        await().atMost(10, SECONDS).until(() -> liveness().check().up()); // polling normally while the inbox is empty

        drop("usage.csv", usageCsv("2026-11-01,2026-11-01,metered-api,,SUB-1"));

        await().atMost(20, SECONDS).until(() -> !liveness().check().up()
                && liveness().check().details().get("intake-folder").startsWith("stuck in a poll"));
    }

    @Test
    void readinessGoesDownWhenATargetIsUnreachable() throws Exception {
        context.start();
        TargetReachabilityCheck targets = context.getRegistry().lookupByNameAndType("targetReachabilityCheck",
                TargetReachabilityCheck.class);
        assertTrue(targets.check().up());
        int port = twoCheckout.port();
        twoCheckout.stop();
        try {
            HealthStatus down = targets.check();
            assertFalse(down.up());
            assertTrue(down.details().get("twocheckout").startsWith("unreachable"), down.details().toString());
        } finally {
            twoCheckout.start(port);
        }
    }
}
