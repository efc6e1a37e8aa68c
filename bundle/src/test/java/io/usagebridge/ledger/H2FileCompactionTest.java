package io.usagebridge.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger file left mostly dead space by many small commits is compacted before the ledger opens it, its rows kept;
 * a dense or small one is left as it is, and memory, remote or shared databases are never touched.
 */
class H2FileCompactionTest {

    @TempDir
    Path folder;

    @Test
    void aFileOfManySmallCommitsIsCompactedWhenTheLedgerOpensItAndKeepsItsRows() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("ledger").toAbsolutePath();
        Path store = folder.resolve("ledger.mv.db");
        // closed as a killed or busy app leaves it: without the few hundred milliseconds of compaction a clean close
        // spends (enough for this small file, not for a ledger of gigabytes)
        try (LedgerDatabase database = LedgerDatabase.open(url + ";MAX_COMPACT_TIME=0", "sa", "", List.of(),
                LedgerPoolSettings.DEFAULTS)) {
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("create table counter (id int primary key, n bigint, note varchar(200))");
                s.execute("insert into counter values (1, 0, 'x')");
                // a transition per commit, as the ledger writes them: every commit a new chunk of the file
                for (int i = 1; i <= 3000; i++) {
                    s.executeUpdate("update counter set n = " + i + ", note = '" + "n".repeat(150) + i + "'");
                }
            }
        }
        long bloated = Files.size(store);
        assertTrue(bloated > 4L * 1024 * 1024, "3,000 commits leave a file of " + bloated + " bytes");

        assertTrue(H2FileCompaction.compactIfSparse(url, "sa", "", 1024 * 1024));
        long compacted = Files.size(store);
        assertTrue(compacted < bloated / 4, bloated + " -> " + compacted);

        try (LedgerDatabase reopened = LedgerDatabase.open(url, "sa", "", List.of(), LedgerPoolSettings.DEFAULTS);
             Connection c = reopened.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select n from counter where id = 1")) {
            assertTrue(rs.next());
            assertEquals(3000, rs.getLong(1));
        }
        // dense now: a second look leaves it alone
        assertFalse(H2FileCompaction.compactIfSparse(url, "sa", "", 1024));
    }

    @Test
    void aSmallFileIsNotEvenOpened() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("small").toAbsolutePath();
        LedgerDatabase.open(url, "sa", "", List.of(), LedgerPoolSettings.DEFAULTS).close();
        assertFalse(H2FileCompaction.compactIfSparse(url, "sa", "", H2FileCompaction.MIN_BYTES));
    }

    @Test
    void onlyAFileOfThisProcessIsTouched() {
        assertEquals(Optional.of(Path.of("/data/ledger/usagebridge.mv.db")),
                H2FileCompaction.storeFile("jdbc:h2:file:/data/ledger/usagebridge;AUTO_SERVER=FALSE;WRITE_DELAY=0"));
        assertEquals(Optional.of(Path.of("./data/x.mv.db")), H2FileCompaction.storeFile("jdbc:h2:./data/x"));
        assertEquals(Optional.empty(), H2FileCompaction.storeFile("jdbc:h2:mem:test"));
        assertEquals(Optional.empty(), H2FileCompaction.storeFile("jdbc:h2:tcp://db:9092/ledger"));
        assertEquals(Optional.empty(), H2FileCompaction.storeFile("jdbc:h2:file:/data/l;AUTO_SERVER=TRUE"));
        assertEquals(Optional.empty(), H2FileCompaction.storeFile("jdbc:postgresql://db/ledger"));
    }
}
