package io.usagebridge.ledger;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The ledger on PostgreSQL, as several nodes share it. */
class PostgresLedgerTest extends LedgerTest {

    @RegisterExtension
    static final EmbeddedPostgresLedger POSTGRES = new EmbeddedPostgresLedger();

    @Override
    protected DataSource dataSource() {
        return POSTGRES.dataSource();
    }
}
