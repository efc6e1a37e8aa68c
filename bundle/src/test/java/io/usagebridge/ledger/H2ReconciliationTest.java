package io.usagebridge.ledger;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The daily reconciliation on the default ledger: an H2 file. */
class H2ReconciliationTest extends ReconciliationTest {

    @RegisterExtension
    static final H2FileLedger H2 = new H2FileLedger();

    @Override
    protected DataSource dataSource() {
        return H2.dataSource();
    }
}
