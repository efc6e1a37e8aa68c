package io.usagebridge.alerts.schedule;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.usagebridge.ledger.H2FileLedger;

/** Missed files on the default ledger: an H2 file. */
class H2MissedFileScannerTest extends MissedFileScannerTest {

    @RegisterExtension
    static final H2FileLedger H2 = new H2FileLedger();

    @Override
    protected DataSource dataSource() {
        return H2.dataSource();
    }
}
