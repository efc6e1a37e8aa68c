package io.usagebridge.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.usagebridge.config.UsageBridgeSettings;

/** ledger.pool.* as configured, the documented defaults when unset, and a clear refusal of values Hikari would bend. */
class LedgerPoolSettingsTest {

    @Test
    void unsetKeysGiveTheDocumentedDefaults() {
        LedgerPoolSettings pool = LedgerPoolSettings.read(settings(Map.of()));

        assertEquals(new LedgerPoolSettings(10, 2, Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(60)), pool);
    }

    @Test
    void everyKeyIsRead() {
        LedgerPoolSettings pool = LedgerPoolSettings.read(settings(Map.of("ledger.pool.max-size", "4",
                "ledger.pool.min-idle", "0", "ledger.pool.connection-timeout-ms", "1500",
                "ledger.pool.validation-timeout-ms", "750", "ledger.pool.connect-timeout-ms", "2500",
                "ledger.pool.socket-timeout-ms", "30000")));

        assertEquals(new LedgerPoolSettings(4, 0, Duration.ofMillis(1500), Duration.ofMillis(750),
                Duration.ofMillis(2500), Duration.ofSeconds(30)), pool);
        assertEquals(3, LedgerPoolSettings.seconds(pool.connectTimeout()), "the driver counts whole seconds, up");
    }

    @Test
    void valuesHikariWouldQuietlyReplaceAreRefusedByName() {
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class, () -> LedgerPoolSettings
                .read(settings(Map.of("ledger.pool.connection-timeout-ms", "100"))));
        assertTrue(timeout.getMessage().contains("ledger.pool.connection-timeout-ms"), timeout.getMessage());

        IllegalArgumentException idle = assertThrows(IllegalArgumentException.class, () -> LedgerPoolSettings
                .read(settings(Map.of("ledger.pool.max-size", "2", "ledger.pool.min-idle", "3"))));
        assertTrue(idle.getMessage().contains("ledger.pool.min-idle"), idle.getMessage());

        IllegalArgumentException validation = assertThrows(IllegalArgumentException.class, () -> LedgerPoolSettings
                .read(settings(Map.of("ledger.pool.validation-timeout-ms", "5000"))));
        assertTrue(validation.getMessage().contains("ledger.pool.validation-timeout-ms"), validation.getMessage());
    }

    private static UsageBridgeSettings settings(Map<String, String> values) {
        return new UsageBridgeSettings(key -> Optional.ofNullable(values.get(key)));
    }
}
