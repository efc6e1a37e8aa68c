package io.usagebridge.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;

/**
 * The bad-input suite for 2Checkout and Zuora REST usage: every file listed in src/test/resources/bad-input/cases.csv
 * (with its expected outcome, code and line), plus a generated 10 MB single line, dropped into one running app at
 * once, held to {@link BadInputBar}. The other target types have their own suites (*BadInputSuiteTest), all in
 * 128 MB of heap.
 */
class BadInputSuiteTest extends UsageBridgeTestSupport {

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("usagebridge.targets", "twocheckout,zuora-usage");
        p.put("target.zuora-usage.type", "zuora-rest-usage");
        // no good Zuora case: nothing may be sent there, and nothing listens
        p.put("target.zuora-usage.base-url", "http://localhost:9");
        p.put("target.zuora-usage.client-id", "bad-input-suite");
        p.put("target.zuora-usage.client-secret", "bad-input-suite-secret");
        p.put("target.zuora-usage.inbox-folder", "zuora-usage");
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-zuora-usage.camel.yaml");
    }

    @Test
    void everyBadFileEndsInFailedWithItsCodeAndLineAndNothingOfItIsSent() throws Exception {
        BadInputBar bar = new BadInputBar(data, this::ledger);
        List<BadInputCase> cases = new ArrayList<>(BadInputCases.read(BadInputCases.SUITE.resolve("cases.csv"), ""));
        // one value of 10 MB: the field cap (64 Ki characters) stops it before the record cap
        cases.add(BadInputCase.failed("ten-megabyte-line.csv", bar.generated("ten-megabyte-line.csv", out -> {
            out.write("UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n");
            out.write("x".repeat(10 << 20));
            out.write('\n');
        }), "CSV_FIELD_TOO_LONG", "2"));
        assertTrue(cases.size() >= 40, cases.size() + " cases");

        bar.drop(cases);

        bar.assertMet(cases, () -> twoCheckout.received().size(), context, "intake-folder");
    }
}
