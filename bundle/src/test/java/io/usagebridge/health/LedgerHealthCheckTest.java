package io.usagebridge.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.usagebridge.ledger.LedgerDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Readiness follows the ledger database: a PostgreSQL server that stops makes the app not ready. */
class LedgerHealthCheckTest {

    @Test
    void readinessGoesDownWhenTheLedgerDatabaseStops() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        LedgerDatabase ledger = LedgerDatabase.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        LedgerHealthCheck check = new LedgerHealthCheck(ledger);
        assertTrue(check.check().up());

        postgres.close();

        HealthStatus down = check.check();
        assertFalse(down.up());
        assertEquals("unreachable", down.details().get("database"));
        ledger.close();
    }
}
