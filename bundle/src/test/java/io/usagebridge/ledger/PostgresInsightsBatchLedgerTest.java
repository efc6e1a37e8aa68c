package io.usagebridge.ledger;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Insights batches in a ledger on PostgreSQL, as several nodes share it. */
class PostgresInsightsBatchLedgerTest extends InsightsBatchLedgerTest {

    private static EmbeddedPostgres postgres;
    private static LedgerDatabase database;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database ledger");
        }
        database = LedgerDatabase.of(postgres.getDatabase("postgres", "ledger"));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected DataSource dataSource() {
        return database.dataSource();
    }
}
