package io.usagebridge.faults;

import org.junit.jupiter.api.Test;

import io.usagebridge.faults.harness.AppProcess;
import io.usagebridge.faults.harness.FileOutcome;
import io.usagebridge.faults.harness.GeneratedFile;
import io.usagebridge.faults.harness.RowRun;

/**
 * A failure whose message is longer than any ledger column: a CSV with thousands of violations, every one of them
 * reported. It must end in failed/ with its code like any other invalid file, its neighbours untouched.
 */
class OversizedFailureIT {

    @Test
    void thousandsOfViolationsEndInFailedWithTheirCode() {
        try (RowRun run = RowRun.start("huge-failure", "a failure longer than any column (a CSV with 3000 "
                + "violations, all reported)")) {
            run.execute(() -> {
                run.startApp("node-1", run.settings().with("validation.max-violations", 100_000),
                        AppProcess.newInstanceId());
                run.files().twoCheckout(run.folders().inbox(), "f1.csv", 5);
                GeneratedFile bad = run.files().twoCheckout(run.folders().inbox(), "bad.csv", 2, 3000);
                run.files().twoCheckout(run.folders().inbox(), "f2.csv", 5);
                run.awaitPlaced(java.time.Duration.ofSeconds(30));
                String code = run.outcome().files().stream().filter(f -> f.file() == bad).findFirst()
                        .map(FileOutcome::failedCode).orElse(null);
                run.check("bad.csv in failed/ with CSV_VALUE_INVALID (was " + code + ")",
                        "CSV_VALUE_INVALID".equals(code));
            });
        }
    }
}
