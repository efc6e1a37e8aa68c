package io.usagebridge.alerts.ledger;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.usagebridge.ledger.H2FileLedger;

/** Alerts on the default ledger: an H2 file. */
class H2AlertLedgerTest extends AlertLedgerTest {

    @RegisterExtension
    static final H2FileLedger H2 = new H2FileLedger();

    @Override
    protected DataSource dataSource() {
        return H2.dataSource();
    }
}
