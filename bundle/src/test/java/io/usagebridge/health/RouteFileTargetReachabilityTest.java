package io.usagebridge.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.usagebridge.ReadmeExamples;
import io.usagebridge.UsageBridgeTestSupport;

/**
 * Readiness lists every configured target, also one made as the README shows it (its blocks read from README.md): a
 * second 2Checkout merchant whose route file reuses {@code {{target.twocheckout.url}}} and which sets no
 * {@code target.<id>.url} of its own.
 */
class RouteFileTargetReachabilityTest extends UsageBridgeTestSupport {

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("usagebridge.targets", "twocheckout,twocheckout-partner");
        p.put("target.twocheckout-partner.type", "twocheckout-usage");
        p.put("target.twocheckout-partner.merchant", "SECONDMERCHANT");
        p.put("target.twocheckout-partner.secret-key", "second-secret");
        p.put("target.twocheckout-partner.file-glob", "partner-*.csv");
        p.put("intake.partner.dir", data.resolve("partner-inbox").toString());
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return List.of(ReadmeExamples.writeInto(data.resolve("user-routes"), "intake-partner",
                "target-twocheckout-partner"));
    }

    @Test
    void bothTwoCheckoutTargetsAreCheckedAtTheUrlTheirRoutesSendTo() throws Exception {
        TargetReachabilityCheck targets = context.getRegistry().lookupByNameAndType("targetReachabilityCheck",
                TargetReachabilityCheck.class);
        HealthStatus up = targets.check();
        assertTrue(up.up(), up.details().toString());
        assertEquals(Map.of("twocheckout", "reachable", "twocheckout-partner", "reachable"), up.details());

        int port = twoCheckout.port();
        twoCheckout.stop();
        try {
            HealthStatus down = targets.check();
            assertFalse(down.up());
            assertTrue(down.details().get("twocheckout-partner").startsWith("unreachable"), down.details().toString());
        } finally {
            twoCheckout.start(port);
        }
    }
}
