package io.usagebridge.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.sandbox.zuora.ZuoraRestRequest;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;

/**
 * The app with the two Zuora REST targets, usage (inbox folder zuora-usage/) and a mass action (zuora-revenue/), on
 * the sandbox's Zuora REST simulator: one simulator per class, reset before each test; the twin of
 * {@link ZuoraSoapTestSupport}.
 */
abstract class ZuoraRestTestSupport extends UsageBridgeTestSupport {

    static final String CLIENT_ID = "usagebridge-test";
    static final String CLIENT_SECRET = "zuora-test-secret";

    static ZuoraRestSimulator zuora;

    @BeforeAll
    static void startZuora() throws IOException {
        zuora = new ZuoraRestSimulator();
        zuora.addClient(CLIENT_ID, CLIENT_SECRET);
        zuora.start(0);
    }

    @AfterAll
    static void stopZuora() {
        zuora.stop();
    }

    @BeforeEach
    void resetZuora() {
        zuora.reset();
    }

    @Override
    protected Properties testProperties() {
        return withZuoraRestTargets(super.testProperties(), zuora.baseUrl(), CLIENT_ID, CLIENT_SECRET);
    }

    /** The two Zuora REST targets of these tests, usage and a mass action, on {@code baseUrl}, polled fast. */
    static Properties withZuoraRestTargets(Properties p, String baseUrl, String clientId, String clientSecret) {
        p.put("usagebridge.targets", "twocheckout,zuora-usage,zuora-revenue");
        for (String id : List.of("zuora-usage", "zuora-revenue")) {
            p.put("target." + id + ".base-url", baseUrl);
            p.put("target." + id + ".client-id", clientId);
            p.put("target." + id + ".client-secret", clientSecret);
            p.put("target." + id + ".inbox-folder", id);
            p.put("target." + id + ".poll-initial-delay-ms", "100");
            p.put("target." + id + ".poll-max-delay-ms", "200");
        }
        p.put("target.zuora-usage.type", "zuora-rest-usage");
        p.put("target.zuora-revenue.type", "zuora-rest-bulk");
        p.put("target.zuora-revenue.action-type", "CreateRevenueSchedule");
        return p;
    }

    /** Only the two REST targets' files of routes/available: the others there need their own keys. */
    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-zuora-usage.camel.yaml", "target-zuora-revenue-schedules.camel.yaml");
    }

    /** The POSTs to {@code path} the simulator received, in order. */
    static List<ZuoraRestRequest> posts(String path) {
        return zuora.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals(path)).toList();
    }
}
