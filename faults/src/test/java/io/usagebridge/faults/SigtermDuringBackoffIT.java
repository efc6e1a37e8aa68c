package io.usagebridge.faults;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.usagebridge.faults.harness.AppProcess;
import io.usagebridge.faults.harness.AppSettings;
import io.usagebridge.faults.harness.RowRun;

/** SIGTERM while a delivery backs off (the target answers 503): the app ends in time and the retry is kept. */
class SigtermDuringBackoffIT {

    private static final int SHUTDOWN_TIMEOUT_MS = 10_000;

    @Test
    void sigtermDuringABackoffEndsInTimeAndKeepsTheRetry() {
        try (RowRun run = RowRun.start("sigterm-backoff", "SIGTERM during a backoff (2Checkout answering 503)")) {
            run.execute(() -> {
                AppSettings settings = run.settings().with("deliver.retry.max-redeliveries", 50)
                        .with("deliver.retry.initial-delay-ms", 2000).with("deliver.retry.max-delay-ms", 4000)
                        .with("usagebridge.shutdown-timeout-ms", SHUTDOWN_TIMEOUT_MS);
                run.simulators().twoCheckout().failNext(1000, 503);
                String instance = AppProcess.newInstanceId();
                AppProcess app = run.startApp("node-1", settings, instance);
                run.files().twoCheckout(run.folders().inbox(), "f1.csv", 5);
                run.files().twoCheckout(run.folders().inbox(), "f2.csv", 5);
                run.awaitThat("a retry after a 503", Duration.ofSeconds(30),
                        () -> run.simulators().twoCheckout().requestCount() >= 2);
                app.sigterm();
                Duration exit = app.waitFor(Duration.ofMillis(SHUTDOWN_TIMEOUT_MS + 6_000));
                run.check("the app exits within usagebridge.shutdown-timeout-ms + 5 s after SIGTERM (took "
                        + (exit == null ? "over 16 s: killed" : exit.toMillis() + " ms") + ")",
                        exit != null && exit.toMillis() <= SHUTDOWN_TIMEOUT_MS + 5_000);
                if (exit == null) {
                    app.kill9();
                }
                run.simulators().twoCheckout().failNext(0, 503);
                app.restart(settings, instance).awaitStarted(Duration.ofSeconds(60));
            });
        }
    }
}
