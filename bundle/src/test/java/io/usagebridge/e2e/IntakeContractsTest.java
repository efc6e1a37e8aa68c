package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.SourceState;

/**
 * The folder intake's contracts: a file is taken only once it is old enough, names not ending in .csv (a file being
 * written before its rename) are never taken, and an archived original is never overwritten by a later file of the
 * same name. Files here are aged by their modification time, so no test waits for the minimum age.
 */
class IntakeContractsTest extends UsageBridgeTestSupport {

    private static final String ROW = "2026-11-01,2026-11-01,metered-api,,SUB-1";

    /** A long minimum age: a file is taken only when a test dates it back. */
    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("intake.folder.read-lock-min-age-ms", "60000");
        return p;
    }

    @Test
    void aYoungFileWaitsWhileAnOldEnoughOneIsTaken() throws Exception {
        Path young = write("young.csv", usageCsv(ROW));
        aged(write("old.csv", usageCsv("2026-11-02,2026-11-02,metered-api,,SUB-2")));

        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/old.csv")));
        assertTrue(Files.exists(young), "younger than intake.folder.read-lock-min-age-ms: left for a later poll");

        aged(young);
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/young.csv")));
    }

    @Test
    void aFileWrittenUnderATemporaryNameIsTakenOnlyOnceRenamed() throws Exception {
        Path partial = aged(write("usage.csv.tmp", usageCsv(ROW)));
        aged(write("control.csv", usageCsv("2026-11-02,2026-11-02,metered-api,,SUB-2")));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/control.csv")));
        assertTrue(Files.exists(partial), "a name not ending in .csv is never taken");

        aged(Files.move(partial, inbox().resolve("usage.csv")));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/usage.csv")));
        assertEquals(2, twoCheckout.accepted().size());
    }

    @Test
    void aLaterFileOfTheSameNameNeverOverwritesTheArchivedOriginal() throws Exception {
        String first = usageCsv(ROW);
        aged(write("daily.csv", first));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/daily.csv")));

        String second = usageCsv("2026-11-02,2026-11-02,metered-api,,SUB-2");
        aged(write("daily.csv", second));
        await().atMost(30, SECONDS).until(() -> ledger().sources().sourcesNamed("daily.csv").stream()
                .filter(s -> s.state() == SourceState.DONE && s.moved()).count() == 2);

        // the name is taken: the second original is kept under its source id
        Path kept = data.resolve("done/daily." + ledger().sources().sourcesNamed("daily.csv").get(1).id() + ".csv");
        assertEquals(first, Files.readString(data.resolve("done/daily.csv")), "the first original is intact");
        assertEquals(second, Files.readString(kept));
    }

    /** Written elsewhere and moved in whole, so only the intake's own rules decide when it is taken. */
    private Path write(String name, String content) throws Exception {
        Path staging = Files.createDirectories(data.resolve("staging")).resolve(name);
        Files.writeString(staging, content, StandardCharsets.UTF_8);
        Files.createDirectories(inbox());
        return Files.move(staging, inbox().resolve(name));
    }

    /** As if written ten minutes ago: older than the minimum age. */
    private static Path aged(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(600)));
        return file;
    }
}
