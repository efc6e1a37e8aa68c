package io.usagebridge.app.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.LedgerDatabase;
import io.usagebridge.ledger.LedgerInstance;
import io.usagebridge.ledger.LedgerPoolSettings;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.ledger.Resolutions;
import io.usagebridge.plugin.TargetPlugins;

/**
 * The ledger itself, for when no app runs (an H2 file ledger is locked while one does: then the API is the way). The
 * next start of the app moves the original on. It opens the ledger with the plug-ins' migrations too: Flyway
 * refuses a history holding versions it cannot see (an Insights 1.5).
 */
final class DirectLedgerClient implements AutoCloseable {

    private final LedgerDatabase database;
    private final Ledger ledger;
    private final Resolutions resolutions;

    DirectLedgerClient(String url, String user, String password, LedgerPoolSettings pool) {
        this.database = LedgerDatabase.open(url, user, password, TargetPlugins.discover().migrations(), pool);
        LedgerInstance cli = LedgerInstance.start("cli", Duration.ofSeconds(60), Duration.ofSeconds(15));
        this.ledger = Ledger.on(database.dataSource(), cli, Clock.systemUTC());
        this.resolutions = new Resolutions(database.dataSource(), cli, Clock.systemUTC());
    }

    public List<String> uncertain() {
        return resolutions.uncertain().stream().map(d -> UncertainLine.format(d.id(), d.target(),
                ledger.sources().source(d.sourceId()).map(s -> s.name()).orElse(null), d.errorCode(),
                String.valueOf(d.uncertainSince()), d.errorMessage())).toList();
    }

    public String resolve(long delivery, String as, String by, String note) {
        Resolutions.Resolution resolution = Resolutions.Resolution.valueOf(as.toUpperCase(Locale.ROOT));
        DeliveryRow row = resolutions.resolve(delivery, resolution, by, note);
        return "delivery " + delivery + " resolved as " + row.resolution() + " by " + row.resolvedBy() + ": now "
                + row.state() + "; the app moves the original on at its next start";
    }

    @Override
    public void close() {
        database.close();
    }
}
