package io.usagebridge.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void aFileThatWaitedForItsRemoteJobHasOneLineWithItsFinalOutcome() {
        RunSummary summary = new RunSummary();
        summary.add(5L, "zuora-usage/usage.csv", "PENDING", "zuora-usage POLLING x1");
        summary.add(6L, "usage.csv", "DONE", "twocheckout ACCEPTED x1");
        summary.add(5L, "zuora-usage/usage.csv", "DONE", "zuora-usage ACCEPTED x1");

        assertEquals(List.of(new RunSummary.Line("zuora-usage/usage.csv", "DONE", "zuora-usage ACCEPTED x1"),
                new RunSummary.Line("usage.csv", "DONE", "twocheckout ACCEPTED x1")), summary.lines(),
                "in the order first finished, the later outcome in place of the earlier");
    }

    @Test
    void twoSourcesOfOneNameAreTwoLines() {
        RunSummary summary = new RunSummary();
        summary.add(1L, "usage.csv", "DONE", "twocheckout ACCEPTED x1");
        summary.add(2L, "usage.csv", "FAILED", "nothing new sent; CSV_VALUE_INVALID");
        assertEquals(2, summary.lines().size());
    }

    @Test
    void filesNeverRecordedEachGetALine() {
        RunSummary summary = new RunSummary();
        summary.add(null, "a.csv", "FAILED", "not recorded");
        summary.add(null, "a.csv", "FAILED", "not recorded");
        assertEquals(2, summary.lines().size());
    }

    @Test
    void aBatchFolderKnownByNameIsOneLine() {
        RunSummary summary = new RunSummary();
        summary.add("insights/billing/2026-11-30", "FAILED", "1/2 record types stored");
        summary.add("insights/billing/2026-11-30", "DONE", "2/2 record types stored");
        assertEquals(List.of(new RunSummary.Line("insights/billing/2026-11-30", "DONE", "2/2 record types stored")),
                summary.lines());
    }
}
