package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceState;
import io.usagebridge.metrics.UsageBridgeMetrics;
import io.usagebridge.sandbox.zuora.ZuoraRestRequest;

/**
 * Row-level reconciliation against the Zuora REST simulator: the rows a target refused in a job it ran end in
 * {@code <file>.rejected.csv} as they were in the source, with the reason, and that file fixed and moved into the
 * inbox sends exactly those rows.
 */
class RejectedRowsZuoraRestTest extends ZuoraRestTestSupport {

    @Test
    void massActionRecordsRefusedAloneEndDoneWithRejectsAndTheFixedFileSendsOnlyThem() throws Exception {
        zuora.rejectRecordsContaining("RS-BAD");
        drop("zuora-revenue/schedules.csv", "ChargeNumber,RevenueScheduleNumber,Amount\n"
                + "C-00000001,RS-1,100\n"
                + "C-00000002,RS-BAD,250\n"
                + "C-00000003,RS-3,75\n");
        Path rejected = data.resolve("done/zuora-revenue/schedules.csv.rejected.csv");
        await().atMost(30, SECONDS).until(() -> finished("zuora-revenue/schedules.csv"));

        assertEquals("ChargeNumber,RevenueScheduleNumber,Amount,REJECTED_REASON\n"
                + "C-00000002,RS-BAD,250,\"line 3, zuora-revenue: Record rejected: value 'RS-BAD' is not "
                + "valid.\"\n", Files.readString(rejected));
        SourceRow source = ledger().sources().sourcesNamed("zuora-revenue/schedules.csv").get(0);
        assertEquals(SourceState.DONE_WITH_REJECTS, source.state());
        assertEquals(1L, source.rowsRejected());
        assertEquals(rejected.toString(), source.rejectedPath());
        assertTrue(Files.exists(data.resolve("done/zuora-revenue/schedules.csv")), "the original in done/");
        UsageBridgeMetrics metrics = context.getRegistry().lookupByNameAndType("usageBridgeMetrics",
                UsageBridgeMetrics.class);
        assertEquals(1.0, metrics.registry().get("usagebridge.rows.rejected").tag("target", "zuora-revenue").counter()
                .count());
        assertEquals(1.0, metrics.registry().get("usagebridge.files.done.with.rejects").counter().count());

        // fixed and moved back in, the way an operator does it: only the refused row goes to Zuora
        zuora.rejectRecordsContaining(null);
        Path fixed = inbox().resolve("zuora-revenue/schedules.csv.rejected.csv");
        Files.writeString(fixed, Files.readString(rejected).replace("RS-BAD", "RS-2"));
        Files.delete(rejected);
        await().atMost(30, SECONDS).until(() -> ledger().sources().sourcesNamed(
                "zuora-revenue/schedules.csv.rejected.csv").stream().anyMatch(s -> s.state() == SourceState.DONE));

        List<ZuoraRestRequest> uploads = posts("/v1/bulk");
        assertEquals(2, uploads.size());
        assertEquals("ChargeNumber,RevenueScheduleNumber,Amount\nC-00000002,RS-2,250\n",
                Files.readString(uploads.get(1).file()), "the one row, without the reason column");
    }

    @Test
    void usageImportFailedByOneRowListsEveryRowOfTheImportWithTheRowsOwnReason() throws Exception {
        zuora.rejectRecordsContaining("BAD-UOM");
        String header = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n";
        drop("zuora-usage/usage.csv", header
                + "A00000001,Each,10,11/01/2026,11/01/2026,S-1,,api calls\n"
                + "A00000002,BAD-UOM,2.5,11/02/2026,,,,storage\n");
        Path rejected = data.resolve("failed/zuora-usage/usage.csv.rejected.csv");
        await().atMost(30, SECONDS).until(() -> finished("zuora-usage/usage.csv"));
        assertTrue(Files.exists(data.resolve("failed/zuora-usage/usage.csv.error.json")));

        List<String> lines = Files.readAllLines(rejected);
        assertEquals(header.trim() + ",REJECTED_REASON", lines.get(0));
        assertEquals(3, lines.size(), "Zuora imports usage all or nothing: neither row was billed");
        assertTrue(lines.get(1).startsWith("A00000001,Each,10,11/01/2026,11/01/2026,S-1,,api calls,\"line 2, "
                + "zuora-usage: not imported: the target imports a file all or nothing"), lines.get(1));
        assertEquals("A00000002,BAD-UOM,2.5,11/02/2026,,,,storage,\"line 3, zuora-usage: The usage import failed. "
                + "Line 3: value 'BAD-UOM' is not valid.\"", lines.get(2));
        SourceRow source = ledger().sources().sourcesNamed("zuora-usage/usage.csv").get(0);
        assertEquals(SourceState.FAILED, source.state());
        assertEquals(2L, source.rowsRejected());

        zuora.rejectRecordsContaining(null);
        Path fixed = inbox().resolve("zuora-usage/usage-fixed.csv");
        Files.writeString(fixed, Files.readString(rejected).replace("BAD-UOM", "GB"));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage-fixed.csv")));
        List<ZuoraRestRequest> uploads = posts("/v1/usage");
        assertEquals(2, uploads.size());
        assertEquals(header + "A00000001,Each,10,11/01/2026,11/01/2026,S-1,,api calls\n"
                + "A00000002,GB,2.5,11/02/2026,,,,storage\n", Files.readString(uploads.get(1).file()));
        assertFalse(Files.exists(data.resolve("done/zuora-usage/usage-fixed.csv.rejected.csv")));
    }


    /** The source's first intake has its final state (the files beside it are written before that). */
    private boolean finished(String name) {
        List<SourceRow> sources = ledger().sources().sourcesNamed(name);
        return !sources.isEmpty() && List.of(SourceState.DONE_WITH_REJECTS, SourceState.FAILED)
                .contains(sources.get(0).state());
    }
}
