package io.usagebridge.alerts.ledger;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.ledger.LedgerDatabase;

/** Alerts on the default ledger: an H2 file. */
class H2AlertLedgerTest extends AlertLedgerTest {

    @TempDir
    static Path folder;

    private static LedgerDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = LedgerDatabase.open("jdbc:h2:file:" + folder.resolve("ledger").toAbsolutePath(), "sa", "");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected DataSource dataSource() {
        return database.dataSource();
    }
}
