package io.usagebridge.ledger;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Insights batches in a ledger on PostgreSQL, as several nodes share it. */
class PostgresInsightsBatchLedgerTest extends InsightsBatchLedgerTest {

    @RegisterExtension
    static final EmbeddedPostgresLedger POSTGRES = new EmbeddedPostgresLedger();

    @Override
    protected DataSource dataSource() {
        return POSTGRES.dataSource();
    }
}
