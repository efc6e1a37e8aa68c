package io.usagebridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a simulator keeps what it received: a folder given by its user, kept after a stop (the fault suite looks
 * at it after a failed row), or a temp folder made on each start and deleted on stop.
 */
final class StorageFolder {

    private static final Logger LOG = LoggerFactory.getLogger(StorageFolder.class);

    private final Path configured;
    private final String tempPrefix;
    private volatile Path path;

    StorageFolder(Path configured, String tempPrefix) {
        this.configured = configured;
        this.tempPrefix = tempPrefix;
    }

    Path open() throws IOException {
        path = configured != null ? Files.createDirectories(configured) : Files.createTempDirectory(tempPrefix);
        return path;
    }

    /** The folder of the current (or last) start; null before the first. */
    Path path() {
        return path;
    }

    /** Deletes a temp folder with all in it; a configured one stays. */
    void close() {
        if (configured == null && path != null) {
            deleteTree(path);
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}", file, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(StorageFolder::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }
}
