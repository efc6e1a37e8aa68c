package io.usagebridge.faults;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.usagebridge.faults.harness.AppProcess;
import io.usagebridge.faults.harness.EmbeddedPostgresLedger;
import io.usagebridge.faults.harness.RowRun;
import io.usagebridge.faults.harness.SuiteSettings;

/** The ledger's database (PostgreSQL) stops while files arrive, and comes back: nothing may be lost or stuck. */
class LedgerOutageIT {

    private static EmbeddedPostgresLedger postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresLedger.start(SuiteSettings.fromSystemProperties().runsDir().resolve("pg-outage"));
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void ledgerDatabaseStoppedAndRestartedWhileFilesArrive() {
        try (RowRun run = RowRun.start("ledger-outage", "ledger database (PostgreSQL) stopped and restarted while "
                + "files arrive").onPostgres(postgres).settleWithin(Duration.ofSeconds(90))) {
            run.execute(() -> {
                AppProcess app = run.startApp("node-1", run.settings(), AppProcess.newInstanceId());
                run.files().twoCheckout(run.folders().inbox(), "before1.csv", 5);
                run.files().twoCheckout(run.folders().inbox(), "before2.csv", 5);
                run.awaitPlaced(Duration.ofSeconds(30));
                postgres.stop();
                for (int i = 1; i <= 4; i++) {
                    run.files().twoCheckout(run.folders().inbox(), "during" + i + ".csv", 5);
                }
                // the app has tried the ledger (and failed) before it comes back
                boolean noticed = run.becomesTrue(Duration.ofSeconds(20), () -> app.log().find(Pattern.compile(
                        "(?i)(connection.*refused|PSQLException|ledger.*(unreachable|down))")).isPresent());
                run.note(noticed ? "the app hit the stopped database" : "no ledger error logged within 20 s");
                postgres.startAgain();
                run.note("database back after " + (noticed ? "the app noticed" : "20 s"));
                run.files().twoCheckout(run.folders().inbox(), "after1.csv", 5);
            });
        } finally {
            if (!postgres.running()) {
                postgres.startAgain();
            }
        }
    }
}
