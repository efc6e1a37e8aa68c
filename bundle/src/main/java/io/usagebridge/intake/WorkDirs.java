package io.usagebridge.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.usagebridge.ledger.SourceLedger;

/**
 * A file's work folder (its copy, slices, chunks) lives while any of its deliveries may still send a chunk from it:
 * a parked retry, a resend after a resolution. Then it goes.
 */
public final class WorkDirs {

    private final SourceLedger sources;

    public WorkDirs(SourceLedger sources) {
        this.sources = sources;
    }

    public void deleteUnlessInUse(Path workDir) throws IOException {
        if (workDir == null || !Files.exists(workDir) || sources.workDirInUse(workDir)) {
            return;
        }
        deleteTree(workDir);
    }

    /** Deletes a folder with everything in it, deepest first; nothing when it is not there. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The work folder of a source's work copy ({@code <work>/<uuid>/source/<name>}). */
    public static Path ofWorkCopy(String workPath) {
        if (workPath == null) {
            return null;
        }
        Path copy = Path.of(workPath);
        return copy.getParent() == null ? null : copy.getParent().getParent();
    }
}
