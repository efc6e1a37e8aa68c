package io.usagebridge.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Where a failed file's sidecar goes: beside it, in the mirror of its sub-folder, never out of the sidecar folder. */
class ErrorSidecarWriterTest {

    private static final Path FAILED = Path.of("/data/failed");

    @Test
    void aFileInASubFolderHasItsSidecarInTheSameSubFolder() {
        assertEquals(Path.of("/data/failed/zuora/usage.csv.error.json"),
                ErrorSidecarWriter.sidecarOf(FAILED, "zuora/usage.csv", "usage.csv"));
        assertEquals(Path.of("/data/failed/usage.7.csv.error.json"),
                ErrorSidecarWriter.sidecarOf(FAILED, "usage.csv", "usage.7.csv"));
    }

    @Test
    void aNameLeadingOutOfTheFolderKeepsItsSidecarInside() {
        assertEquals(Path.of("/data/failed/passwd.error.json"),
                ErrorSidecarWriter.sidecarOf(FAILED, "../../etc/passwd", "passwd"));
        assertEquals(Path.of("/data/failed/x.csv.error.json"),
                ErrorSidecarWriter.sidecarOf(FAILED, "/etc/x.csv", "../x.csv"));
        assertEquals(Path.of("/data/failed/a/x.csv.error.json"),
                ErrorSidecarWriter.sidecarOf(FAILED, "a/b/../x.csv", "x.csv"));
    }
}
