package io.usagebridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.usagebridge.intake.RunSummary;

class RunSummaryTableTest {

    @Test
    void oneRowPerSourceSortedByNameUnderACountPerOutcome() {
        String table = RunSummaryTable.format(List.of(
                new RunSummary.Line("zuora-usage/usage.csv", "DONE", "zuora-usage ACCEPTED x1"),
                new RunSummary.Line("bad.csv", "FAILED", "nothing new sent; CSV_VALUE_INVALID"),
                new RunSummary.Line("again.csv", "DUPLICATE", "nothing new sent"),
                new RunSummary.Line("usage.csv", "DONE", "twocheckout ACCEPTED x1")));

        assertEquals("""
                UsageBridge run summary: 4 sources (2 DONE, 1 DUPLICATE, 1 FAILED)
                FILE                   OUTCOME    DETAIL
                again.csv              DUPLICATE  nothing new sent
                bad.csv                FAILED     nothing new sent; CSV_VALUE_INVALID
                usage.csv              DONE       twocheckout ACCEPTED x1
                zuora-usage/usage.csv  DONE       zuora-usage ACCEPTED x1
                """, table.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void anEmptyRunSaysSo() {
        assertEquals("UsageBridge run summary: 0 sources\nFILE  OUTCOME  DETAIL\n",
                RunSummaryTable.format(List.of()).replace(System.lineSeparator(), "\n"));
    }
}
