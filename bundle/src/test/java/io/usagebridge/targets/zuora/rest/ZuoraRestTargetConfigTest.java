package io.usagebridge.targets.zuora.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.plugin.TargetCatalog;

/** A configuration that sends usage to /v1/bulk is refused at start, naming the usage target instead. */
class ZuoraRestTargetConfigTest {

    private static TargetCatalog catalog(Map<String, String> settings) {
        return TargetCatalog.read(new UsageBridgeSettings(key -> Optional.ofNullable(settings.get(key))),
                List.of(new ZuoraRestTarget(ZuoraRestKind.BULK), new ZuoraRestTarget(ZuoraRestKind.USAGE)));
    }

    @Test
    void usageRoutedToBulkIsRefusedAtStartWithTheUsageTargetNamed() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> catalog(Map.of(
                "usagebridge.targets", "zuora", "target.zuora.type", "zuora-rest-bulk",
                "target.zuora.action-type", "Usage")));
        assertTrue(refused.getMessage().contains("zuora-rest-usage") && refused.getMessage().contains("/v1/usage"),
                refused.getMessage());
    }

    @Test
    void unknownActionTypeIsRefusedWithTheKnownOnes() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> catalog(Map.of(
                "usagebridge.targets", "zuora", "target.zuora.type", "zuora-rest-bulk",
                "target.zuora.action-type", "CreateRevenueSchedules")));
        assertTrue(refused.getMessage().contains("CreateRevenueSchedule"), refused.getMessage());
    }

    @Test
    void documentedActionTypeAndUsageTargetAreAccepted() {
        assertDoesNotThrow(() -> catalog(Map.of("usagebridge.targets", "bulk,usage",
                "target.bulk.type", "zuora-rest-bulk", "target.bulk.action-type", "ImportFXRate",
                "target.usage.type", "zuora-rest-usage")));
    }
}
