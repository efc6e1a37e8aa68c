package io.usagebridge.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.ledger.LedgerDatabase;
import io.usagebridge.ledger.LedgerPoolSettings;
import io.usagebridge.plugin.TargetPlugins;

/** The operator's command opens the ledger the app left, plug-in tables and all, while the app is down. */
class DirectLedgerClientTest {

    @TempDir
    Path folder;

    @Test
    void opensALedgerThatHoldsThePluginsMigrations() {
        String url = "jdbc:h2:file:" + folder.resolve("ledger").toAbsolutePath();
        List<String> migrations = TargetPlugins.discover().migrations();
        LedgerDatabase.open(url, "sa", "", migrations).close();

        try (DirectLedgerClient client = new DirectLedgerClient(url, "sa", "", LedgerPoolSettings.DEFAULTS)) {
            assertEquals(List.of(), client.uncertain());
        }
    }
}
