package io.usagebridge.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Case g's input: one file of about 100 MiB per sandbox target, in the folder and format of that target's example in
 * examples/inbox/ (its columns, date forms, quoted and empty values), the example's rows repeated with a running
 * number in an id or a description so that no two rows are the same. Streamed out row by row: 600 MB never sit in
 * the harness's memory either.
 */
final class EveryTargetFiles {

    /** 100 MiB: every file stops at the last whole row that fits. */
    static final long FILE_BYTES = 100L * 1024 * 1024;
    /** The Insights batch (billing / 2026-11-30) the account records go in, as in examples/inbox/insights/. */
    static final String INSIGHTS_BATCH = "insights/billing/2026-11-30";

    /**
     * One written file: the target it is for, where it goes below the inbox (its sub-folder names the target; an
     * Insights record file's folder is its batch), its bytes and data rows (the header not counted).
     */
    record InputFile(String target, String path, long bytes, long rows) {
    }

    /** One data row, number {@code n} (from 0), appended to {@code row} without its line end. */
    private interface RowFormat {
        void append(long n, StringBuilder row);
    }

    private EveryTargetFiles() {
    }

    /** Writes the six files below {@code inbox} (which becomes the sandbox run's example inbox). */
    static List<InputFile> write(Path inbox) throws IOException {
        InputFile twoCheckout = csv(inbox, "twocheckout", "usage-2026-11-100mb.csv",
                "UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef", EveryTargetFiles::twoCheckoutRow);
        InputFile zuoraUsage = csv(inbox, "zuora-usage", "zuora-usage/zuora-usage-2026-11-100mb.csv",
                "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION",
                EveryTargetFiles::zuoraUsageRow);
        InputFile zuoraRevenue = csv(inbox, "zuora-revenue", "zuora-revenue/revenue-schedules-2026-11-100mb.csv",
                "ChargeNumber,RevenueScheduleNumber,Amount", EveryTargetFiles::revenueScheduleRow);
        InputFile zuoraSoap = csv(inbox, "zuora", "zuora/zuora-import-2026-11-100mb.csv",
                "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION",
                EveryTargetFiles::zuoraImportRow);
        InputFile insights = insights(inbox);
        InputFile billingReceiver = csv(inbox, "billing-receiver", "billing-receiver/billing-export-2026-11-100mb.csv",
                "account,metric,quantity,period_start,period_end", EveryTargetFiles::billingExportRow);
        return List.of(twoCheckout, zuoraUsage, zuoraRevenue, zuoraSoap, insights, billingReceiver);
    }

    /** The header, then rows while the next one still fits in {@link #FILE_BYTES} (ASCII: a char is a byte). */
    private static InputFile csv(Path inbox, String target, String path, String header, RowFormat format)
            throws IOException {
        Path file = inbox.resolve(path);
        Files.createDirectories(file.getParent());
        long bytes = header.length() + 1;
        long rows = 0;
        StringBuilder row = new StringBuilder(128);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write(header);
            out.write('\n');
            while (true) {
                row.setLength(0);
                format.append(rows, row);
                row.append('\n');
                if (bytes + row.length() > FILE_BYTES) {
                    break;
                }
                out.append(row);
                bytes += row.length();
                rows++;
            }
        }
        return new InputFile(target, path, bytes, rows);
    }

    /**
     * The batch folder: account.csv just under the Batch API's 100 MB limit ({@link InsightsPutCase#writeAccounts})
     * and a one-line subscription.ndjson, the batch's other record type.
     */
    private static InputFile insights(Path inbox) throws IOException {
        Path batch = inbox.resolve(INSIGHTS_BATCH);
        Path accounts = batch.resolve("account.csv");
        long bytes = InsightsPutCase.writeAccounts(accounts);
        Files.writeString(batch.resolve("subscription.ndjson"),
                "{\"id\":\"A-S00000001\",\"account_id\":\"a-0000001\",\"start_date\":\"2026-11-01\"}\n");
        return new InputFile("insights", INSIGHTS_BATCH + "/account.csv", bytes, SimulatorReceipts.dataRows(accounts));
    }

    /** examples/inbox/usage-2026-11-01.csv's three rows in turn: ISO with Z, local with a space, a date alone. */
    private static void twoCheckoutRow(long n, StringBuilder row) {
        String day = "2026-11-" + two(1 + n % 28);
        String ref = String.format("%09X", n);
        switch ((int) (n % 3)) {
            case 0 -> row.append(day).append("T00:00:00Z,").append(day).append("T23:59:59Z,metered-api,API calls ")
                    .append(n).append(',').append(ref);
            case 1 -> row.append(day).append(" 08:").append(two(n % 60)).append(":00,").append(day)
                    .append(" 17:30:00,storage-gb,\"EU bucket, hot tier ").append(n).append("\",").append(ref);
            default -> row.append(day).append(',').append(day).append(",seats,,").append(ref);
        }
    }

    /** examples/inbox/zuora-usage/'s rows: every column set, a whole and a decimal quantity in turn. */
    private static void zuoraUsageRow(long n, StringBuilder row) {
        String account = id(n % 100_000);
        String quantity = n % 2 == 0 ? Long.toString(1 + n % 5000) : (n % 500) + ".5";
        row.append('A').append(account).append(n % 2 == 0 ? ",Each," : ",GB,").append(quantity).append(",11/")
                .append(two(1 + n % 28)).append("/2026,11/30/2026,A-S").append(account).append(",C-")
                .append(account).append(n % 2 == 0 ? ",API calls November " : ",Storage November ").append(n);
    }

    /** examples/inbox/zuora/'s rows: every column set, then the optional ones left empty. */
    private static void zuoraImportRow(long n, StringBuilder row) {
        String account = id(n % 100_000);
        if (n % 2 == 0) {
            row.append('A').append(account).append(",Each,").append(1 + n % 5000).append(",11/")
                    .append(two(1 + n % 28)).append("/2026,11/30/2026,A-S").append(account).append(",C-")
                    .append(account).append(",Webhook deliveries November ").append(n);
        } else {
            row.append('A').append(account).append(",Minutes,").append(1 + n % 5000).append(",11/")
                    .append(two(1 + n % 28)).append("/2026,,,,Support minutes November ").append(n);
        }
    }

    /** examples/inbox/zuora-revenue/'s rows (CreateRevenueSchedule): a charge, its schedule, an amount. */
    private static void revenueScheduleRow(long n, StringBuilder row) {
        row.append("C-").append(id(n)).append(",RS-").append(id(n)).append(',').append(1 + n % 5000).append('.')
                .append(two(n % 100));
    }

    /** examples/inbox/billing-receiver/'s rows: a whole, a decimal and a small whole quantity in turn. */
    private static void billingExportRow(long n, StringBuilder row) {
        String account = String.format("%s-%07d", n % 2 == 0 ? "ACME" : "GLOBEX", n);
        switch ((int) (n % 3)) {
            case 0 -> row.append(account).append(",api-calls,").append(1 + n % 100_000);
            case 1 -> row.append(account).append(",storage-gb,").append(n % 1000).append(".5");
            default -> row.append(account).append(",seats,").append(1 + n % 50);
        }
        row.append(",2026-11-01,2026-11-30");
    }

    /** Eight digits, as the examples' ids (A00000101, C-00000101). */
    private static String id(long n) {
        return String.format("%08d", n);
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
