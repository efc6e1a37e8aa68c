package io.usagebridge.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.usagebridge.faults.harness.AppProcess;
import io.usagebridge.faults.harness.FolderLayout;
import io.usagebridge.faults.harness.RowRun;

/** The SFTP server restarts while the app downloads a large file: every file must still arrive once. */
class SftpRestartIT {

    static final String REMOTE_DIR = "usage";

    @Test
    void sftpServerRestartedMidDownload() {
        try (RowRun run = RowRun.start("sftp-restart", "SFTP server restarted mid-download (a 24 MB file)")
                .settleWithin(Duration.ofSeconds(120))) {
            Path knownHosts = run.simulators().startSftp(run.folders().root().resolve("known_hosts"));
            Path remote = run.simulators().sftpDir(REMOTE_DIR);
            Path nodeDir = run.folders().nodeDir("node-1");
            run.withLayout(FolderLayout.sftpIntake(remote, List.of(nodeDir.resolve("sftp-failed"))));
            run.execute(() -> {
                Files.createDirectories(remote);
                run.startApp("node-1", run.settings().withSftpIntake(run.simulators(), REMOTE_DIR, knownHosts,
                        nodeDir), AppProcess.newInstanceId());
                run.files().largeTwoCheckout(remote, "big.csv", 24L * 1024 * 1024);
                run.files().twoCheckout(remote, "s1.csv", 5);
                run.files().twoCheckout(remote, "s2.csv", 5);
                Path work = nodeDir.resolve("sftp-work");
                run.awaitThat("a download under way", Duration.ofSeconds(60), () -> downloading(work));
                long local = localBytes(work);
                run.simulators().stopSftp();
                run.note("SFTP server stopped when the local copy of big.csv had " + local + " of "
                        + Files.size(remote.resolve("big.csv")) + " bytes");
                run.simulators().startSftpAgain();
            });
        }
    }

    /** A partial file in the local work folder: the download has begun and not ended. */
    private static boolean downloading(Path work) {
        if (!Files.isDirectory(work)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(work)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && size(f) > 0
                    && f.getFileName().toString().startsWith("big"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static long localBytes(Path work) throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(f -> f.getFileName().toString().startsWith("big")).mapToLong(SftpRestartIT::size)
                    .max().orElse(0);
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }
}
