package io.usagebridge.sandbox.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The sandbox run's data folder, wiped at each run, and the example files copied into its inbox. */
public final class ExampleInbox {

    private ExampleInbox() {
    }

    /** Only a folder below the working directory is wiped, never "." or an absolute path given by mistake. */
    public static Path sandboxDataDir(String configured) {
        Path dir = Path.of(configured).normalize();
        if (dir.isAbsolute() || dir.toString().isEmpty() || dir.startsWith("..")) {
            throw new IllegalStateException("usagebridge.sandbox.data-dir must be a folder below the working "
                    + "directory (it is wiped on every sandbox run): " + configured);
        }
        return dir;
    }

    /** Each sandbox run starts from nothing (ledger included): same files in, same summary out. */
    public static void wipe(Path dataDir) throws IOException {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Copies the example files, sub-folders included (they choose targets), in name order, their modification times
     * one second apart in the past: the intake (sorted by modification time) takes them in name order, with no
     * read-lock wait. The app is not running yet, so no file can be read half-written.
     */
    public static int copy(Path examples, Path inbox) throws IOException {
        if (!Files.isDirectory(examples)) {
            throw new IllegalStateException("no example folder " + examples.toAbsolutePath()
                    + " (usagebridge.sandbox.example-inbox; run from the repository root)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.walk(examples)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        Instant first = Instant.now().minusSeconds(files.size() + 1L);
        for (int i = 0; i < files.size(); i++) {
            Path copy = inbox.resolve(examples.relativize(files.get(i)).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(files.get(i), copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(copy, FileTime.from(first.plusSeconds(i)));
        }
        return files.size();
    }
}
