package io.usagebridge.ledger;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The ledger on its default database: an H2 file. */
class H2LedgerTest extends LedgerTest {

    @RegisterExtension
    static final H2FileLedger H2 = new H2FileLedger();

    @Override
    protected DataSource dataSource() {
        return H2.dataSource();
    }
}
