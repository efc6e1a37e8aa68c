package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One run's folders, below a directory wiped first: a fresh ledger and empty folders every run. */
public record RunDirs(Path root) {

    public static RunDirs fresh(Path root) throws IOException {
        Tree.delete(root);
        RunDirs dirs = new RunDirs(root.toAbsolutePath());
        for (Path dir : new Path[] {dirs.stage(), dirs.inbox(), dirs.done()}) {
            Files.createDirectories(dir);
        }
        return dirs;
    }

    /** Where files wait, on the same file system, to be moved into the inbox at once. */
    public Path stage() {
        return root.resolve("stage");
    }

    public Path inbox() {
        return root.resolve("inbox");
    }

    public Path done() {
        return root.resolve("done");
    }

    public Path failed() {
        return root.resolve("failed");
    }

    public Path duplicate() {
        return root.resolve("duplicate");
    }

    public Path inflight() {
        return root.resolve("inflight");
    }

    public Path work() {
        return root.resolve("work");
    }

    public Path ledger() {
        return root.resolve("ledger");
    }

    /** The run's H2 ledger, as the app is given it ({@code ledger.url}). */
    public String ledgerUrl() {
        return "jdbc:h2:file:" + ledger().resolve("usagebridge");
    }

    public Path commands() {
        return root.resolve("commands");
    }
}
