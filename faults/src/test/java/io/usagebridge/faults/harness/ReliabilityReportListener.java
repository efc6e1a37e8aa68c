package io.usagebridge.faults.harness;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Assembles docs/RELIABILITY.md when the test plan ends, from the rows saved during it, however many ran (a single
 * {@code -Dit.test=...} run writes a report of its rows). Registered through META-INF/services.
 */
public final class ReliabilityReportListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        SuiteSettings suite = SuiteSettings.fromSystemProperties();
        RunFolders.deleteTree(suite.resultsDir());
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        SuiteSettings suite = SuiteSettings.fromSystemProperties();
        ReliabilityReport.write(suite.resultsDir(), suite.report(), suite.full() ? "full" : "subset");
    }
}
