package io.usagebridge.faults.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folders of one row, made fresh: the shared data folders (inbox, done/, failed/, duplicate/, inflight/), one
 * working folder per app process with its own copy of the project's {@code config/} and {@code routes/} (the app
 * reads them relative to its working folder), and the simulators' storage.
 */
public final class RunFolders {

    private final Path root;
    private final Path repoRoot;

    private RunFolders(Path root, Path repoRoot) {
        this.root = root;
        this.repoRoot = repoRoot;
    }

    public static RunFolders fresh(SuiteSettings suite, String rowId) {
        Path root = suite.runsDir().resolve(rowId);
        deleteTree(root);
        RunFolders folders = new RunFolders(root, suite.repoRoot());
        for (Path dir : new Path[] {folders.inbox(), folders.done(), folders.failed(), folders.duplicate(),
                folders.inflight(), folders.staging(), folders.logs()}) {
            createDirectories(dir);
        }
        return folders;
    }

    public Path root() {
        return root;
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path inbox() {
        return data().resolve("inbox");
    }

    public Path done() {
        return data().resolve("done");
    }

    public Path failed() {
        return data().resolve("failed");
    }

    public Path duplicate() {
        return data().resolve("duplicate");
    }

    public Path inflight() {
        return data().resolve("inflight");
    }

    /** Where the folder intake moves a file whose error handling itself failed. */
    public Path unhandled() {
        return inbox().resolve(".unhandled");
    }

    /** Files are written here, then moved into an inbox in one step, as a producer would. */
    public Path staging() {
        return root.resolve("staging");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path simulators() {
        return root.resolve("simulators");
    }

    /**
     * The H2 ledger's file (without the .mv.db suffix) of a row on the default ledger: the product's default
     * {@code ledger.url} (./data/ledger/usagebridge) in the working folder of node-1, the only node of such a row.
     */
    public Path h2Ledger() {
        return nodeDir("node-1").resolve("data").resolve("ledger").resolve("usagebridge");
    }

    /** The working folder of one app process, with config/ and routes/ copied from the project. */
    public Path nodeDir(String label) {
        Path dir = root.resolve("nodes").resolve(label);
        if (!Files.isDirectory(dir.resolve("config"))) {
            copyTree(repoRoot.resolve("config"), dir.resolve("config"));
            copyTree(repoRoot.resolve("routes"), dir.resolve("routes"));
        }
        return dir;
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + dir, e);
        }
    }
}
