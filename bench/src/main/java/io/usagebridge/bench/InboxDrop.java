package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * How the end-to-end cases hand files to a running app and see the end: every staged file moved into the inbox with
 * one {@code mv} (a batch dropped by an export job), then the inbox and the simulator looked at until the inbox is
 * empty and the simulator has processed every upload expected.
 */
final class InboxDrop {

    /** How often the harness looks at the inbox (and, once it is empty, at the simulator) while the app runs. */
    private static final long POLL_MS = 20;

    private InboxDrop() {
    }

    /** Moves every staged CSV into the inbox at once; returns System.nanoTime just before the move. */
    static long moveStagedIn(RunDirs dirs) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int mv = new ProcessBuilder("bash", "-c", "mv -t \"$1\" -- \"$2\"/*.csv", "mv", dirs.inbox().toString(),
                dirs.stage().toString()).inheritIO().start().waitFor();
        if (mv != 0) {
            throw new IllegalStateException("mv into the inbox failed with " + mv);
        }
        return start;
    }

    /**
     * Until the inbox holds no CSV and the simulator has processed {@code uploads} uploads; returns System.nanoTime of
     * the end: the first look that found the inbox empty, when the simulator's state read right after it showed every
     * upload (the state is a large answer: the time to read it is not counted). A file in failed/ ends the wait.
     */
    static long awaitAllProcessed(TwoCheckoutSimulatorProcess simulator, RunDirs dirs, long uploads,
            UsageBridgeProcess app, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long now = System.nanoTime();
            // the inbox first: listing a folder is cheaper for the machine than the simulator's state
            if (Tree.csvCount(dirs.inbox()) == 0 && simulator.processedCount() >= uploads) {
                return now;
            }
            if (Files.isDirectory(dirs.failed()) && Tree.csvCount(dirs.failed()) > 0) {
                throw new IllegalStateException("files went to " + dirs.failed() + ": see " + app.log());
            }
            if (now > deadline) {
                throw new IllegalStateException("not all " + uploads + " uploads processed within " + timeoutSeconds
                        + " s: see " + app.log());
            }
            Thread.sleep(POLL_MS);
        }
    }
}
