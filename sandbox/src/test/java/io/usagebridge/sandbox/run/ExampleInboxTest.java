package io.usagebridge.sandbox.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleInboxTest {

    @TempDir
    Path dir;

    @Test
    void onlyAFolderBelowTheWorkingDirectoryIsWiped() {
        assertEquals(Path.of("data/sandbox"), ExampleInbox.sandboxDataDir("data/./sandbox"));
        assertThrows(IllegalStateException.class, () -> ExampleInbox.sandboxDataDir("."));
        assertThrows(IllegalStateException.class, () -> ExampleInbox.sandboxDataDir("/tmp/sandbox"));
        assertThrows(IllegalStateException.class, () -> ExampleInbox.sandboxDataDir("../elsewhere"));
    }

    @Test
    void examplesAreCopiedWithTheirSubFoldersOldestFirstInNameOrder() throws Exception {
        Path examples = Files.createDirectories(dir.resolve("examples"));
        Files.writeString(examples.resolve("b.csv"), "b");
        Files.writeString(examples.resolve("a.csv"), "a");
        Files.createDirectories(examples.resolve("zuora"));
        Files.writeString(examples.resolve("zuora/c.csv"), "c");
        Path inbox = dir.resolve("data/inbox");

        assertEquals(3, ExampleInbox.copy(examples, inbox));

        assertEquals("c", Files.readString(inbox.resolve("zuora/c.csv")));
        Instant a = Files.getLastModifiedTime(inbox.resolve("a.csv")).toInstant();
        Instant b = Files.getLastModifiedTime(inbox.resolve("b.csv")).toInstant();
        Instant c = Files.getLastModifiedTime(inbox.resolve("zuora/c.csv")).toInstant();
        assertTrue(a.isBefore(b) && b.isBefore(c), "the intake sorts by modification time");
        assertTrue(c.isBefore(Instant.now()), "old enough for the read lock at once");
    }

    @Test
    void wipeRemovesTheWholeFolderAndToleratesItsAbsence() throws Exception {
        Path data = dir.resolve("sandbox");
        Files.createDirectories(data.resolve("ledger"));
        Files.writeString(data.resolve("ledger/usagebridge.mv.db"), "x");
        ExampleInbox.wipe(data);
        assertFalse(Files.exists(data));
        ExampleInbox.wipe(data);
    }
}
