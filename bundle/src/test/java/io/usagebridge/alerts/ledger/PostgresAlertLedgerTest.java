package io.usagebridge.alerts.ledger;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.usagebridge.ledger.EmbeddedPostgresLedger;

/** Alerts on PostgreSQL, as several nodes share it. */
class PostgresAlertLedgerTest extends AlertLedgerTest {

    @RegisterExtension
    static final EmbeddedPostgresLedger POSTGRES = new EmbeddedPostgresLedger();

    @Override
    protected DataSource dataSource() {
        return POSTGRES.dataSource();
    }
}
