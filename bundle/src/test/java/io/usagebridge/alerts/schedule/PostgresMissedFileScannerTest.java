package io.usagebridge.alerts.schedule;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.usagebridge.ledger.EmbeddedPostgresLedger;

/** Missed files on PostgreSQL, as several nodes share it. */
class PostgresMissedFileScannerTest extends MissedFileScannerTest {

    @RegisterExtension
    static final EmbeddedPostgresLedger POSTGRES = new EmbeddedPostgresLedger();

    @Override
    protected DataSource dataSource() {
        return POSTGRES.dataSource();
    }
}
