package io.usagebridge.faults;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.usagebridge.faults.harness.AppProcess;
import io.usagebridge.faults.harness.AppSettings;
import io.usagebridge.faults.harness.RowRun;

/**
 * kill -9 at each stage of a delivery, then a restart with the same instance id (the same node back) or a new one
 * (a recreated container). The default H2 ledger. The app blocks at a fault point so the kill lands at a known
 * stage; one more row kills while the 2Checkout simulator holds the answer to an upload it already kept, which
 * needs no fault point. The new-instance rows run in the full profile.
 */
class KillAtStageIT {

    private static final Duration FAULT_POINT_TIMEOUT = Duration.ofSeconds(45);

    /** A stage, its fault point, and the target whose files reach it. */
    enum Stage {
        AFTER_INTAKE("after-intake", "after intake (source recorded, nothing claimed)", Target.TWOCHECKOUT),
        AFTER_CLAIM("after-claim", "after claim (CLAIMED, nothing sent)", Target.TWOCHECKOUT),
        BEFORE_SEND("before-send", "while sending (SENDING, no byte written)", Target.TWOCHECKOUT),
        AFTER_REPLY("after-reply", "after the target accepted, before the ledger recorded it", Target.TWOCHECKOUT),
        WHILE_POLLING("while-polling", "while polling Zuora REST usage (status read, not recorded)",
                Target.ZUORA_USAGE),
        INSIGHTS_BETWEEN("insights-between-record-types", "inside an Insights batch, between record types",
                Target.INSIGHTS);

        final String faultPoint;
        final String description;
        final Target target;

        Stage(String faultPoint, String description, Target target) {
            this.faultPoint = faultPoint;
            this.description = description;
            this.target = target;
        }
    }

    enum Target { TWOCHECKOUT, ZUORA_USAGE, INSIGHTS }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void killAtStageThenRestartAsTheSameInstance(Stage stage) {
        killAtStage(stage, true, false);
    }

    @Tag("heavy")
    @ParameterizedTest
    @EnumSource(Stage.class)
    void killAtStageThenRestartAsANewInstance(Stage stage) {
        killAtStage(stage, false, true);
    }

    @Test
    void killWhileTheTargetHoldsTheAnswerThenRestartAsTheSameInstance() {
        killWhileAnswerHeld(true, false);
    }

    @Tag("heavy")
    @Test
    void killWhileTheTargetHoldsTheAnswerThenRestartAsANewInstance() {
        killWhileAnswerHeld(false, true);
    }

    private void killAtStage(Stage stage, boolean sameInstance, boolean heavy) {
        String id = "k-" + stage.faultPoint.replace("insights-between-record-types", "insights") + "-"
                + (sameInstance ? "same" : "new");
        String title = "kill -9 " + stage.description + ", restart as " + (sameInstance ? "the same" : "a new")
                + " instance";
        try (RowRun run = heavy ? RowRun.startHeavy(id, title) : RowRun.start(id, title)) {
            run.execute(() -> {
                AppSettings settings = withTarget(run, stage.target);
                String instance = AppProcess.newInstanceId();
                AppProcess app = run.startApp("node-1", settings.copy().faultPoints(stage.faultPoint), instance);
                dropFiles(run, stage.target);
                String reached = run.awaitFaultPoint(app, stage.faultPoint, FAULT_POINT_TIMEOUT);
                app.kill9();
                run.note("killed at: " + reached.substring(reached.indexOf("FAULT POINT")));
                app.restart(settings, sameInstance ? instance : AppProcess.newInstanceId())
                        .awaitStarted(Duration.ofSeconds(60));
            });
        }
    }

    private void killWhileAnswerHeld(boolean sameInstance, boolean heavy) {
        String id = "k-held-" + (sameInstance ? "same" : "new");
        String title = "kill -9 while 2Checkout holds the answer to an upload it kept, restart as "
                + (sameInstance ? "the same" : "a new") + " instance";
        try (RowRun run = heavy ? RowRun.startHeavy(id, title) : RowRun.start(id, title)) {
            run.execute(() -> {
                AppSettings settings = run.settings();
                String instance = AppProcess.newInstanceId();
                AppProcess app = run.startApp("node-1", settings, instance);
                run.simulators().twoCheckout().delayNext(1, Duration.ofMinutes(10));
                dropFiles(run, Target.TWOCHECKOUT);
                run.awaitThat("an upload held at 2Checkout", Duration.ofSeconds(30),
                        run.simulators()::twoCheckoutHoldsAnAnswer);
                app.kill9();
                run.simulators().releaseHeld();
                run.note("killed with one upload kept by 2Checkout and its answer held");
                app.restart(settings, sameInstance ? instance : AppProcess.newInstanceId())
                        .awaitStarted(Duration.ofSeconds(60));
            });
        }
    }

    static AppSettings withTarget(RowRun run, Target target) {
        AppSettings settings = run.settings();
        return switch (target) {
            case TWOCHECKOUT -> settings;
            case ZUORA_USAGE -> settings.withZuoraUsage(run.simulators());
            case INSIGHTS -> settings.withInsights(run.simulators());
        };
    }

    /** Three files: the first reaches the fault point, the others wait behind it in the inbox. */
    static void dropFiles(RowRun run, Target target) {
        switch (target) {
            case TWOCHECKOUT -> {
                for (int i = 1; i <= 3; i++) {
                    run.files().twoCheckout(run.folders().inbox(), "f" + i + ".csv", 5);
                }
            }
            case ZUORA_USAGE -> {
                run.files().zuoraUsage(run.folders().inbox(), "z1.csv", 5);
                run.files().zuoraUsage(run.folders().inbox(), "z2.csv", 5);
                run.files().twoCheckout(run.folders().inbox(), "f1.csv", 5);
            }
            case INSIGHTS -> {
                run.files().insightsBatch(run.folders().inbox(), "b1", 5);
                run.files().twoCheckout(run.folders().inbox(), "f1.csv", 5);
            }
        }
    }
}
