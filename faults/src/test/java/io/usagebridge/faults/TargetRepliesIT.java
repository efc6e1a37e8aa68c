package io.usagebridge.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.usagebridge.faults.harness.AppProcess;
import io.usagebridge.faults.harness.AppSettings;
import io.usagebridge.faults.harness.EmbeddedPostgresLedger;
import io.usagebridge.faults.harness.GeneratedFile;
import io.usagebridge.faults.harness.LedgerAccess;
import io.usagebridge.faults.harness.Place;
import io.usagebridge.faults.harness.RowRun;

/**
 * Targets that answer badly: a reply lost after the request was read, a 500 after the target stored the file, a
 * storm of 503s, and a 429 asking to come back in ten minutes.
 */
class TargetRepliesIT {

    private static EmbeddedPostgresLedger postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresLedger.start(
                io.usagebridge.faults.harness.SuiteSettings.fromSystemProperties().runsDir().resolve("pg-replies"));
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void replyLostAfterTheRequestWasRead() {
        try (RowRun run = RowRun.start("reply-lost", "reply lost: the target read the request and dropped the "
                + "connection (2Checkout: not kept; Zuora REST: job created)")) {
            run.execute(() -> {
                AppSettings settings = run.settings().withZuoraUsage(run.simulators());
                run.simulators().twoCheckout().dropNext(1);
                run.simulators().zuora().dropResponseAfterCommitNext(1);
                run.startApp("node-1", settings, AppProcess.newInstanceId());
                run.files().twoCheckout(run.folders().inbox(), "f1.csv", 5);
                run.files().zuoraUsage(run.folders().inbox(), "z1.csv", 5);
                run.files().twoCheckout(run.folders().inbox(), "f2.csv", 5);
            });
        }
    }

    @Test
    void fiveHundredAfterTheTargetStoredTheFile() {
        try (RowRun run = RowRun.start("stored-500", "HTTP 500 after 2Checkout stored the file")) {
            run.execute(() -> {
                run.simulators().twoCheckout().failAfterStoreNext(1, 500);
                run.startApp("node-1", run.settings(), AppProcess.newInstanceId());
                for (int i = 1; i <= 3; i++) {
                    run.files().twoCheckout(run.folders().inbox(), "f" + i + ".csv", 5);
                }
            });
        }
    }

    @Test
    void stormOf503s() {
        try (RowRun run = RowRun.start("storm-503", "503 storm: the next 12 requests to 2Checkout answer 503")) {
            run.execute(() -> {
                AppSettings settings = run.settings().with("deliver.retry.max-redeliveries", 30);
                run.simulators().twoCheckout().failNext(12, 503);
                run.startApp("node-1", settings, AppProcess.newInstanceId());
                for (int i = 1; i <= 4; i++) {
                    run.files().twoCheckout(run.folders().inbox(), "f" + i + ".csv", 5);
                }
                run.awaitPlaced(Duration.ofSeconds(90));
                run.check("the storm was retried through (" + run.simulators().twoCheckout().requestCount()
                        + " requests for 4 files)", run.simulators().twoCheckout().requestCount() >= 16);
            });
        }
    }

    @Test
    void retryAfter600IsParkedAndDoesNotBlockOtherFiles() {
        try (RowRun run = RowRun.start("retry-after-600", "429 with Retry-After 600 (Zuora REST): parked, other "
                + "files go on").onPostgres(postgres).settleWithin(Duration.ofSeconds(30))) {
            run.execute(() -> {
                AppSettings settings = run.settings().withZuoraUsage(run.simulators());
                run.simulators().zuora().rateLimitNext(1, Duration.ofSeconds(600));
                run.startApp("node-1", settings, AppProcess.newInstanceId());
                GeneratedFile parked = run.files().zuoraUsage(run.folders().inbox(), "z1.csv", 5);
                run.awaitThat("the 429 answered", Duration.ofSeconds(30),
                        () -> run.simulators().zuora().requests().stream().anyMatch(r -> r.status() == 429));
                Instant limitedAt = Instant.now();
                GeneratedFile other1 = run.files().twoCheckout(run.folders().inbox(), "f1.csv", 5);
                GeneratedFile other2 = run.files().twoCheckout(run.folders().inbox(), "f2.csv", 5);
                boolean othersWent = run.becomesTrue(Duration.ofSeconds(20), () ->
                        run.outcome().files().stream().filter(f -> f.file() == other1 || f.file() == other2)
                                .allMatch(f -> f.places().equals(java.util.List.of(Place.DONE))));
                run.check("other files reach done/ while the 429 waits", othersWent);
                Optional<LedgerAccess.ParkedDelivery> waiting = run.ledger().waitingDelivery(parked.sha256(),
                        "zuora-usage");
                run.note("the 429'd delivery in the ledger: " + waiting.map(Object::toString).orElse("none"));
                boolean parkedRow = waiting.isPresent() && waiting.get().nextAttemptAt() != null
                        && waiting.get().nextAttemptAt().isAfter(limitedAt.plusSeconds(500));
                run.check("the delivery is parked in the ledger with its next attempt about 600 s ahead "
                        + "(a next-attempt column in delivery: one of next_attempt_at, next_retry_at, retry_at, "
                        + "due_at, not_before)", parkedRow);
                if (parkedRow) {
                    run.ledger().makeDueNow(waiting.get().id(), waiting.get().column());
                    run.note("shortened: next attempt set to now in the ledger");
                }
            });
        }
    }
}
