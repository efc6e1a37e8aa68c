package io.usagebridge.targets.insights.ledger;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.usagebridge.ledger.EmbeddedPostgresLedger;

/** Insights batches in a ledger on PostgreSQL, as several nodes share it. */
class PostgresInsightsBatchLedgerTest extends InsightsBatchLedgerTest {

    @RegisterExtension
    static final EmbeddedPostgresLedger POSTGRES = new EmbeddedPostgresLedger();

    @Override
    protected DataSource dataSource() {
        return POSTGRES.dataSource();
    }
}
