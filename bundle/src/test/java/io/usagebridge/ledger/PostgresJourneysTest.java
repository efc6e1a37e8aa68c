package io.usagebridge.ledger;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's reads on PostgreSQL, the ledger of several nodes. */
class PostgresJourneysTest extends JourneysTest {

    @RegisterExtension
    static final EmbeddedPostgresLedger POSTGRES = new EmbeddedPostgresLedger();

    @Override
    protected DataSource dataSource() {
        return POSTGRES.dataSource();
    }
}
