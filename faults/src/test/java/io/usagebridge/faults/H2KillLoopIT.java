package io.usagebridge.faults;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.usagebridge.faults.harness.AppProcess;
import io.usagebridge.faults.harness.AppSettings;
import io.usagebridge.faults.harness.RowRun;

/**
 * The default H2 ledger under repeated kill -9: a committed transition must survive each kill (a lost one shows as
 * a row sent twice, or a file done twice). Kills alternate between a moment the target holds the answer to an
 * upload it kept and a moment right after an upload was answered.
 */
class H2KillLoopIT {

    @Test
    void fewKillsOnTheDefaultLedger() {
        killLoop("h2-kills-3", 3, 20, false);
    }

    @Tag("heavy")
    @Test
    void fifteenKillsOver140FilesOnTheDefaultLedger() {
        killLoop("h2-kills-15", 15, 140, true);
    }

    private void killLoop(String id, int kills, int fileCount, boolean heavy) {
        String title = "default H2 ledger, " + kills + " kill -9 over " + fileCount + " files";
        try (RowRun run = heavy ? RowRun.startHeavy(id, title) : RowRun.start(id, title)) {
            run.execute(() -> {
                AppSettings settings = run.settings();
                String instance = AppProcess.newInstanceId();
                AppProcess app = run.startApp("node-1", settings, instance);
                for (int i = 1; i <= fileCount; i++) {
                    run.files().twoCheckout(run.folders().inbox(), String.format("h%04d.csv", i), 3);
                }
                for (int k = 1; k <= kills; k++) {
                    int target = k * fileCount / (kills + 1);
                    if (k % 2 == 1) {
                        run.simulators().twoCheckout().delayNext(1, Duration.ofMinutes(10));
                        run.awaitThat("an upload held", Duration.ofSeconds(60),
                                run.simulators()::twoCheckoutHoldsAnAnswer);
                    } else {
                        run.awaitThat(target + " uploads answered", Duration.ofSeconds(120),
                                () -> run.simulators().twoCheckout().accepted().size() >= target);
                    }
                    app.kill9();
                    run.simulators().twoCheckout().delayNext(0, Duration.ZERO);
                    run.simulators().releaseHeld();
                    app.restart(settings, instance).awaitStarted(Duration.ofSeconds(60));
                }
                run.note(kills + " kills, restarted each time as the same instance");
            });
        }
    }

}
