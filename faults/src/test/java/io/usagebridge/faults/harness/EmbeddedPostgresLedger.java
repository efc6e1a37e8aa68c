package io.usagebridge.faults.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL server for the rows whose apps share a ledger, one database per row. It can be stopped and
 * started again on the same port and data folder, as a database restart in production.
 */
public final class EmbeddedPostgresLedger implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresLedger(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static EmbeddedPostgresLedger start(Path dataDir) {
        EmbeddedPostgresLedger ledger = new EmbeddedPostgresLedger(dataDir, FreePorts.next());
        RunFolders.deleteTree(dataDir);
        ledger.startServer();
        return ledger;
    }

    /** A new database for one row; the apps connect as the superuser (trust authentication on loopback). */
    public LedgerAccess createDatabase(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name);
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating database " + name, e);
        }
        return LedgerAccess.postgres("jdbc:postgresql://localhost:" + port + "/" + name, "postgres", "");
    }

    /** Stops the server at once (fast shutdown: sessions are cut). */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping PostgreSQL", e);
        }
        postgres = null;
    }

    /** Starts it again with the same data and port (the data folder is never cleaned: it must survive a stop). */
    public void startAgain() {
        startServer();
    }

    public boolean running() {
        return postgres != null;
    }

    private void startServer() {
        try {
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                    .setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting PostgreSQL", e);
        }
    }

    @Override
    public void close() {
        if (postgres != null) {
            stop();
        }
    }
}
