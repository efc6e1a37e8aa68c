package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;

/** The done-file contract ({@code intake.folder.done-file-name}): a file is taken only once its marker exists. */
class DoneFileIntakeTest extends UsageBridgeTestSupport {

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("intake.folder.done-file-name", "${file:name}.done");
        return p;
    }

    @Test
    void aFileIsTakenOnlyOnceItsMarkerIsThereAndTheMarkerGoesWithIt() throws Exception {
        Path waiting = drop("usage.csv", usageCsv("2026-11-01,2026-11-01,metered-api,,SUB-1"));
        drop("control.csv", usageCsv("2026-11-02,2026-11-02,metered-api,,SUB-2"));
        Files.createFile(inbox().resolve("control.csv.done"));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/control.csv")));
        assertTrue(Files.exists(waiting), "no marker, not taken: its writer may not be done");

        Files.createFile(inbox().resolve("usage.csv.done"));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/usage.csv")));
        await().atMost(10, SECONDS).until(() -> !Files.exists(inbox().resolve("usage.csv.done")));
        assertFalse(Files.exists(inbox().resolve("control.csv.done")));
    }
}
