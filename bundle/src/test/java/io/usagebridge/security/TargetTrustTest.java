package io.usagebridge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.sandbox.SelfSignedKeyStores;

/** A target's trust store is checked at start: a missing file or a wrong password is one line, never the password. */
class TargetTrustTest {

    private static SelfSignedKeyStores stores;

    @BeforeAll
    static void makeStores() throws Exception {
        stores = SelfSignedKeyStores.in(Path.of("target", "tls-sandbox"), "sandbox-tls");
    }

    @Test
    void noTrustStoreIsNoProblem() {
        assertEquals(Optional.empty(), TargetTrust.problem(target(Map.of())));
    }

    @Test
    void aReadableStoreWithItsPasswordIsNoProblem() {
        assertEquals(Optional.empty(), TargetTrust.problem(target(Map.of(
                "target.billing.trust-store", stores.trustStore().toString(),
                "target.billing.trust-store-password", stores.password()))));
    }

    @Test
    void aMissingFileIsRefusedNamingTheKey() {
        String problem = TargetTrust.problem(target(Map.of("target.billing.trust-store", "/nowhere/trust.p12")))
                .orElseThrow();
        assertTrue(problem.startsWith("target.billing.trust-store = /nowhere/trust.p12"), problem);
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt() {
        String problem = TargetTrust.problem(target(Map.of(
                "target.billing.trust-store", stores.trustStore().toString(),
                "target.billing.trust-store-password", "Wr0ng-pa55word"))).orElseThrow();
        assertTrue(problem.contains("target.billing.trust-store-password"), problem);
        assertFalse(problem.contains("Wr0ng-pa55word"), problem);
    }

    @Test
    void aFileThatIsNoKeyStoreIsRefused() throws Exception {
        Path notAStore = Files.writeString(Files.createTempFile(Path.of("target"), "trust", ".p12"), "not a store");
        assertTrue(TargetTrust.problem(target(Map.of("target.billing.trust-store", notAStore.toString())))
                .isPresent());
    }

    private static TargetConfig target(Map<String, String> keys) {
        Map<String, String> all = new java.util.HashMap<>(keys);
        all.put("target.billing.type", "http-multipart");
        UsageBridgeSettings settings = new UsageBridgeSettings(key -> Optional.ofNullable(all.get(key)));
        return TargetConfig.read("billing", settings);
    }
}
