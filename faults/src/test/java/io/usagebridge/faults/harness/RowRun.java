package io.usagebridge.faults.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

/**
 * One row of the table from start to verdict. The row's test drops files and injects its fault in
 * {@link #execute}; the run then waits for the files to settle, stops the apps, counts (folders, target, ledger),
 * resolves what the app left uncertain as an operator would, counts again, saves the report row and only then
 * asserts the bar, so a failing row is still in the report.
 */
public final class RowRun implements AutoCloseable {

    /** The body of a row: drop files, inject the fault, restart. */
    @FunctionalInterface
    public interface Scenario {
        void run() throws Exception;
    }

    /** How the cause of a row whose scenario threw begins. */
    static final String ABORTED = "The row could not run to its end";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** SIGTERM's grace before a SIGKILL: above the app's 10 s shutdown timeout. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final SuiteSettings suite;
    private final String id;
    private final String title;
    private final boolean heavy;
    private final RunFolders folders;
    private final Simulators simulators;
    private final UsageFiles files;
    private final List<AppProcess> apps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> failedChecks = new ArrayList<>();
    private final Instant startedAt = Instant.now();
    private LedgerAccess ledger;
    private FolderLayout layout;
    private Duration settleTimeout = Duration.ofSeconds(30);

    private RowRun(SuiteSettings suite, String id, String title, boolean heavy) {
        this.suite = suite;
        this.id = id;
        this.title = title;
        this.heavy = heavy;
        this.folders = RunFolders.fresh(suite, id);
        this.simulators = Simulators.start(folders.simulators());
        this.files = new UsageFiles(id, folders.staging());
        this.ledger = LedgerAccess.h2(folders.h2Ledger());
        // the product's own default ledger URL (config/application.properties) is what H2 rows test
        this.layout = FolderLayout.folderIntake(folders);
    }

    /** @param id short, unique in the suite: names the run folder, prefixes every row id, names a database */
    public static RowRun start(String id, String title) {
        return new RowRun(SuiteSettings.fromSystemProperties(), id, title, false);
    }

    /** A row that runs only in the fault-suite-full profile. */
    public static RowRun startHeavy(String id, String title) {
        return new RowRun(SuiteSettings.fromSystemProperties(), id, title, true);
    }

    public RowRun onPostgres(EmbeddedPostgresLedger postgres) {
        ledger = postgres.createDatabase(id.replace('-', '_'));
        return this;
    }

    public RowRun withLayout(FolderLayout newLayout) {
        layout = newLayout;
        return this;
    }

    public RowRun settleWithin(Duration timeout) {
        settleTimeout = timeout;
        return this;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String profile() {
        return heavy ? "full" : "subset";
    }

    public Instant startedAt() {
        return startedAt;
    }

    public SuiteSettings suite() {
        return suite;
    }

    public RunFolders folders() {
        return folders;
    }

    public Simulators simulators() {
        return simulators;
    }

    public UsageFiles files() {
        return files;
    }

    public LedgerAccess ledger() {
        return ledger;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The settings every app of this row starts from. */
    public AppSettings settings() {
        return AppSettings.forRun(folders, simulators, ledger);
    }

    /** A new app process (not started) working in its own folder. */
    public AppProcess app(String label, AppSettings settings) {
        AppProcess app = new AppProcess(label, suite.requireAppJar(), folders.nodeDir(label), folders.logs(),
                settings);
        apps.add(app);
        return app;
    }

    /** Starts an app and waits for Camel's started line. */
    public AppProcess startApp(String label, AppSettings settings, String instanceId) {
        return app(label, settings).start(instanceId).awaitStarted(START_TIMEOUT);
    }

    public void note(String note) {
        notes.add(note);
    }

    /** A row-specific expectation, recorded in the report; a false one fails the row. */
    public void check(String expectation, boolean ok) {
        notes.add((ok ? "ok: " : "FAILED: ") + expectation);
        if (!ok) {
            failedChecks.add(expectation);
        }
    }

    /**
     * Waits for a fault point's log line. Stops waiting, and fails, as soon as the app finished every file without
     * reaching it (a build without that fault point) or the process ended.
     */
    public String awaitFaultPoint(AppProcess app, String name, Duration timeout) {
        Pattern line = Pattern.compile("FAULT POINT " + Pattern.quote(name) + " reached");
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> app.log().find(line).isPresent() || !app.isAlive() || allPlaced());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("fault point " + name + " not reached within " + timeout);
        }
        return app.log().find(line).orElseThrow(() -> new AssertionError("fault point " + name + " never reached: "
                + (app.isAlive() ? "the app finished every file without it (this build has no fault point '"
                        + name + "': usagebridge.fault-points)" : "the app exited first")));
    }

    /** Waits for something a row needs (a simulator count, a ledger row); fails with {@code what}. */
    public void awaitThat(String what, Duration timeout, BooleanSupplier condition) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + " did not happen within " + timeout);
        }
    }

    /** Waits up to {@code timeout} for {@code condition}; false when it did not come (the row goes on). */
    public boolean becomesTrue(Duration timeout, BooleanSupplier condition) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Every original in exactly one final place, the inbox empty of them. */
    public boolean allPlaced() {
        return outcomeWithoutLedger().misplacedFiles() == 0;
    }

    /** Runs the row: the scenario, then settle, count, resolve, count, report, and the bar asserted. */
    public RowReport execute(Scenario scenario) {
        Throwable aborted = null;
        try {
            scenario.run();
        } catch (Throwable t) {
            aborted = t;
        }
        RowReport report;
        try {
            report = conclude(aborted);
        } catch (RuntimeException | AssertionError e) {
            if (aborted != null) {
                e.addSuppressed(aborted);
            }
            throw e;
        }
        report.save(suite.resultsDir());
        if (!report.passed()) {
            AssertionError failure = new AssertionError(title + ": " + report.cause());
            if (aborted != null) {
                failure.initCause(aborted);
            }
            throw failure;
        }
        return report;
    }

    private RowReport conclude(Throwable aborted) {
        if (aborted == null) {
            awaitPlaced(settleTimeout);
        }
        stopAll();
        simulators.releaseHeld();
        Outcome before = outcome();
        Outcome after = before;
        String resolution = "";
        List<String> resolutionProblems = new ArrayList<>();
        if (aborted == null && before.uncertainFiles() > 0) {
            List<ResolveCommand.Result> results = OperatorResolution.resolveAll(suite.appJar(), apps.get(0),
                    folders.logs(), ledger, simulators.arrivals(), files.all());
            resolution = describe(results);
            if (results.stream().allMatch(ResolveCommand.Result::ok)) {
                AppProcess app = apps.get(0);
                app.restart(app.settings().copy().faultPoints(), app.instanceId()).awaitStarted(START_TIMEOUT);
                awaitFinal(settleTimeout);
                stopAll();
                after = outcome();
            } else {
                resolutionProblems.add("resolve failed: " + results.stream().filter(r -> !r.ok())
                        .map(r -> "delivery " + r.deliveryId() + " " + r.mode().flag() + ": " + r.detail())
                        .findFirst().orElse(""));
            }
        }
        boolean passed = aborted == null && before.meetsBar() && after.isFinal() && failedChecks.isEmpty()
                && resolutionProblems.isEmpty();
        String cause = passed ? "" : cause(aborted, before, after, resolutionProblems);
        notes.add("ledger deliveries at the end: " + safeStates());
        return RowReport.of(this, before, resolution, after, passed, cause);
    }

    private String cause(Throwable aborted, Outcome before, Outcome after, List<String> resolutionProblems) {
        List<String> parts = new ArrayList<>();
        if (aborted != null) {
            parts.add(ABORTED + ": " + firstLine(aborted) + ".");
        }
        if (!before.meetsBar()) {
            parts.add("Misses the bar: " + before.lostRows() + " rows lost, " + before.duplicatedRows()
                    + " duplicated, " + before.misplacedFiles() + " originals misplaced (" + String.join("; ",
                    before.problems(8)) + ").");
        }
        parts.addAll(resolutionProblems);
        if (before.meetsBar() && resolutionProblems.isEmpty() && aborted == null && !after.isFinal()) {
            parts.add("Not final after resolution: " + String.join("; ", after.problems(8)) + ".");
        }
        failedChecks.forEach(check -> parts.add("Check failed: " + check + "."));
        return String.join(" ", parts);
    }

    private static String describe(List<ResolveCommand.Result> results) {
        long delivered = results.stream().filter(r -> r.mode() == ResolveCommand.Mode.DELIVERED).count();
        String base = results.size() + " uncertain: " + delivered + " --delivered, " + (results.size() - delivered)
                + " --resend";
        List<String> failures = results.stream().filter(r -> !r.ok()).map(ResolveCommand.Result::detail).distinct()
                .toList();
        return failures.isEmpty() ? base + ", all exit 0" : base + "; failed: " + String.join("; ", failures);
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Waits until every original is in exactly one final place; notes it when that does not happen in time. */
    public boolean awaitPlaced(Duration timeout) {
        return awaitOutcome("every original in done/, failed/ or duplicate/", timeout,
                o -> o.misplacedFiles() == 0);
    }

    private boolean awaitFinal(Duration timeout) {
        return awaitOutcome("every original where expected after resolution", timeout,
                o -> o.notInExpectedPlace() == 0);
    }

    private boolean awaitOutcome(String what, Duration timeout, java.util.function.Predicate<Outcome> done) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(() -> done.test(outcomeWithoutLedger()) || apps.stream().noneMatch(AppProcess::isAlive));
            return true;
        } catch (ConditionTimeoutException e) {
            notes.add("not settled within " + timeout.toSeconds() + " s: " + what);
            return false;
        }
    }

    /** Folders and target now; the ledger's uncertain rows only when it can be read (PostgreSQL, or no app up). */
    public Outcome outcome() {
        boolean readable = !ledger.isH2() || apps.stream().noneMatch(AppProcess::isAlive);
        return OutcomeJudge.judge(files.all(), FolderCensus.take(layout), simulators.arrivals(),
                readable ? ledger.uncertain() : List.of());
    }

    private Outcome outcomeWithoutLedger() {
        return OutcomeJudge.judge(files.all(), FolderCensus.take(layout), simulators.arrivals(), List.of());
    }

    private String safeStates() {
        try {
            return String.join(", ", ledger.deliveryStates());
        } catch (RuntimeException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    /** SIGTERM to every app still running (SIGKILL after a grace), noting any that needed the SIGKILL. */
    public void stopAll() {
        for (AppProcess app : apps) {
            if (app.isAlive() && !app.stop(STOP_GRACE)) {
                notes.add(app.label() + " did not exit within " + STOP_GRACE.toSeconds() + " s of SIGTERM: killed");
            }
        }
    }

    @Override
    public void close() {
        apps.forEach(AppProcess::close);
        simulators.close();
    }
}
