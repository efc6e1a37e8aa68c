package io.usagebridge.health;

import java.util.Map;

import io.usagebridge.ledger.LedgerDatabase;

/** Readiness: without the ledger nothing may be claimed or sent, so the app is not ready. */
public final class LedgerHealthCheck {

    private final LedgerDatabase database;

    public LedgerHealthCheck(LedgerDatabase database) {
        this.database = database;
    }

    public HealthStatus check() {
        boolean up = database.reachable();
        return new HealthStatus("ledger", up, Map.of("database", up ? "reachable" : "unreachable"));
    }
}
