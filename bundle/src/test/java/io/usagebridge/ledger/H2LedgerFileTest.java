package io.usagebridge.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default H2 file ledger keeps its own pool: the file stays locked between transitions for as long as the
 * process has the ledger open (what makes it single-process), and every commit is written before it returns.
 */
class H2LedgerFileTest {

    @TempDir
    Path folder;

    @Test
    void theFileStaysLockedBetweenTransitionsWithEveryCommitWrittenAtOnce() throws Exception {
        Path file = folder.resolve("ledger");
        LedgerDatabase database = LedgerDatabase.open("jdbc:h2:file:" + file.toAbsolutePath() + ";AUTO_SERVER=FALSE",
                "sa", "", List.of(), LedgerPoolSettings.DEFAULTS);
        Ledger ledger = Ledger.on(database.dataSource(),
                LedgerInstance.start("h2-test", Duration.ofSeconds(60), Duration.ofSeconds(15)), Clock.systemUTC());
        ledger.sources().recordSource("usage.csv", "folder", "intake-folder", null, new Fingerprint("0".repeat(32),
                "0".repeat(64), 1, 1));

        assertTrue(database.singleProcess());
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select setting_value from information_schema.settings "
                        + "where setting_name = 'WRITE_DELAY'")) {
            assertTrue(rs.next());
            assertEquals("0", rs.getString(1));
        }
        Path store = folder.resolve("ledger.mv.db");
        try (FileChannel channel = FileChannel.open(store, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // no transition runs now: the pool's idle connection keeps the database open and its file locked
            assertThrows(OverlappingFileLockException.class, channel::tryLock);

            database.close();
            try (FileLock free = channel.tryLock()) {
                assertNotNull(free, "closing the ledger frees its file");
            }
        }
    }
}
