package io.usagebridge.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.usagebridge.faults.harness.AppProcess;
import io.usagebridge.faults.harness.AppSettings;
import io.usagebridge.faults.harness.EmbeddedPostgresLedger;
import io.usagebridge.faults.harness.FolderLayout;
import io.usagebridge.faults.harness.RowRun;
import io.usagebridge.faults.harness.SuiteSettings;

/**
 * Several app processes on one PostgreSQL ledger and one source (an SFTP directory, or a shared folder); one of
 * them is killed mid-run and the others must finish its work once its leases expire. The default subset runs two
 * processes on fewer files; the full profile three processes on 500 files.
 */
class SharedLedgerNodesIT {

    private static final String REMOTE_DIR = "usage";
    private static EmbeddedPostgresLedger postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresLedger.start(SuiteSettings.fromSystemProperties().runsDir().resolve("pg-nodes"));
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void twoProcessesOnOneSftpDirectoryOneKilled() {
        sftpNodes("nodes-sftp-2", 2, 30, false);
    }

    @Tag("heavy")
    @Test
    void threeProcessesOnOneSftpDirectory500FilesOneKilled() {
        sftpNodes("nodes-sftp-3", 3, 500, true);
    }

    @Tag("heavy")
    @Test
    void twoProcessesOnOneSharedFolderOneKilled() {
        folderNodes("nodes-folder-2", 2, 30, true);
    }

    @Tag("heavy")
    @Test
    void threeProcessesOnOneSharedFolder500FilesOneKilled() {
        folderNodes("nodes-folder-3", 3, 500, true);
    }

    private void sftpNodes(String id, int nodes, int fileCount, boolean heavy) {
        String title = nodes + " processes, one PostgreSQL ledger, one SFTP directory, " + fileCount
                + " files, one process killed mid-run";
        try (RowRun run = (heavy ? RowRun.startHeavy(id, title) : RowRun.start(id, title)).onPostgres(postgres)
                .settleWithin(Duration.ofSeconds(heavy ? 600 : 60))) {
            Path knownHosts = run.simulators().startSftp(run.folders().root().resolve("known_hosts"));
            Path remote = run.simulators().sftpDir(REMOTE_DIR);
            List<Path> failedDirs = new ArrayList<>();
            for (int n = 1; n <= nodes; n++) {
                failedDirs.add(run.folders().nodeDir("node-" + n).resolve("sftp-failed"));
            }
            run.withLayout(FolderLayout.sftpIntake(remote, failedDirs));
            run.execute(() -> {
                Files.createDirectories(remote);
                List<AppProcess> apps = new ArrayList<>();
                for (int n = 1; n <= nodes; n++) {
                    Path nodeDir = run.folders().nodeDir("node-" + n);
                    AppSettings settings = run.settings().withSftpIntake(run.simulators(), REMOTE_DIR, knownHosts,
                            nodeDir).with("usagebridge.work-dir", nodeDir.resolve("work"));
                    apps.add(run.startApp("node-" + n, settings, AppProcess.newInstanceId()));
                }
                dropAndKillOne(run, remote, apps, fileCount);
            });
        }
    }

    private void folderNodes(String id, int nodes, int fileCount, boolean heavy) {
        String title = nodes + " processes, one PostgreSQL ledger, one shared folder, " + fileCount
                + " files, one process killed mid-run";
        try (RowRun run = (heavy ? RowRun.startHeavy(id, title) : RowRun.start(id, title)).onPostgres(postgres)
                .settleWithin(Duration.ofSeconds(heavy ? 600 : 60))) {
            run.execute(() -> {
                List<AppProcess> apps = new ArrayList<>();
                for (int n = 1; n <= nodes; n++) {
                    Path nodeDir = run.folders().nodeDir("node-" + n);
                    AppSettings settings = run.settings().with("usagebridge.work-dir", nodeDir.resolve("work"));
                    apps.add(run.startApp("node-" + n, settings, AppProcess.newInstanceId()));
                }
                dropAndKillOne(run, run.folders().inbox(), apps, fileCount);
            });
        }
    }

    /** Drops every file, kills the last process once a third of the files' rows reached the target. */
    private static void dropAndKillOne(RowRun run, Path inbox, List<AppProcess> apps, int fileCount) {
        for (int i = 1; i <= fileCount; i++) {
            run.files().twoCheckout(inbox, String.format("n%04d.csv", i), 3);
        }
        int third = Math.max(1, fileCount / 3);
        run.awaitThat("a third of the files at the target", Duration.ofSeconds(300),
                () -> run.simulators().twoCheckout().accepted().size() >= third);
        AppProcess victim = apps.get(apps.size() - 1);
        victim.kill9();
        run.note(victim.label() + " killed after " + run.simulators().twoCheckout().accepted().size()
                + " uploads accepted; the others go on");
    }
}
