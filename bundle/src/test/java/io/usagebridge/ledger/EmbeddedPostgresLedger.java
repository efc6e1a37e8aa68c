package io.usagebridge.ledger;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A ledger on a real PostgreSQL server for one test class, as several nodes share it: an embedded server and a
 * fresh, migrated database, started before the class and stopped after it.
 */
public final class EmbeddedPostgresLedger implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;
    private LedgerDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database ledger");
        }
        database = LedgerDatabase.of(postgres.getDatabase("postgres", "ledger"),
                io.usagebridge.plugin.TargetPlugins.discover().migrations());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    public DataSource dataSource() {
        return database.dataSource();
    }
}
