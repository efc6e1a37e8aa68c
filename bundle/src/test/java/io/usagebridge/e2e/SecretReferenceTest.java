package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;

/**
 * Secrets are given by reference: {{env:NAME}} (the variable is set by surefire) for one target and
 * {{secretfile:path}} for another, resolved by Camel as on every runtime; neither value reaches the log or ledger.
 */
class SecretReferenceTest extends UsageBridgeTestSupport {

    @Override
    protected Properties testProperties() {
        Properties p = withExtraTargets(super.testProperties());
        p.put("target.twocheckout.secret-key", "{{env:UB_TEST_TWOCHECKOUT_SECRET}}");
        Path secretFile = data.resolve("secrets/second-secret");
        try {
            Files.createDirectories(secretFile.getParent());
            Files.writeString(secretFile, "second-secret\n");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        p.put("target.twocheckout-second.secret-key", "{{secretfile:" + secretFile + "}}");
        return p;
    }

    @Override
    protected java.util.List<Path> extraRouteFolders() {
        return java.util.List.of(EXTRA_ROUTES);
    }

    @Test
    void secretsFromAnEnvironmentVariableAndAFileSignAcceptedUploads() throws Exception {
        var done = whenFilesDone(2);
        drop("usage-env.csv", usageCsv("2026-11-01,2026-11-01,metered-api,,SUB-1"));
        drop("twocheckout-second/usage-file.csv", usageCsv("2026-11-02,2026-11-02,metered-api,,SUB-2"));
        assertTrue(done.matches(30, SECONDS));
        assertEquals(2, twoCheckout.accepted().size(), "both hashes verified by the receiver");
        assertTrue(ledger().deliveries().deliveriesTo("twocheckout").stream()
                .noneMatch(d -> String.valueOf(d.remoteResponse()).contains(SECRET)));
        assertFalse(context.getEndpoints().stream().anyMatch(e -> e.getEndpointUri().contains(SECRET)));
    }
}
