package io.usagebridge.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The default ledger for one test class: a fresh, migrated H2 file in a folder of its own, opened before the class
 * and closed (and removed) after it; the twin of {@link EmbeddedPostgresLedger}.
 */
public final class H2FileLedger implements BeforeAllCallback, AfterAllCallback {

    private Path folder;
    private LedgerDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("h2-ledger-");
        database = LedgerDatabase.open("jdbc:h2:file:" + folder.resolve("ledger").toAbsolutePath(), "sa", "");
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (database != null) {
            database.close();
        }
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    public DataSource dataSource() {
        return database.dataSource();
    }
}
