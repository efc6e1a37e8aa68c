package io.usagebridge.targets.zuora;

import java.util.List;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.ColumnSpec;
import io.usagebridge.csv.CsvContract;
import io.usagebridge.csv.DateFormat;
import io.usagebridge.csv.NumberFormat;
import io.usagebridge.csv.ValueFormat;

/**
 * Zuora's usage import columns; dates in the tenant's format (target.&lt;id&gt;.date-format, default MM/dd/yyyy); row
 * identity per {@link ZuoraUniqueKey}. Building it checks the target's settings, so the targets build it at start.
 */
public final class ZuoraUsageContract {

    private ZuoraUsageContract() {
    }

    public static CsvContract of(TargetConfig config) {
        DateFormat date = new DateFormat(config.settings().get("date-format", "MM/dd/yyyy"));
        CsvContract contract = new CsvContract("zuora-usage", List.of(
                ColumnSpec.required("ACCOUNT_ID", ValueFormat.TEXT),
                ColumnSpec.required("UOM", ValueFormat.TEXT),
                ColumnSpec.required("QTY", new NumberFormat()),
                ColumnSpec.required("STARTDATE", date),
                ColumnSpec.optional("ENDDATE", date),
                ColumnSpec.optional("SUBSCRIPTION_ID", ValueFormat.TEXT),
                ColumnSpec.optional("CHARGE_ID", ValueFormat.TEXT),
                ColumnSpec.optional("DESCRIPTION", ValueFormat.TEXT),
                ColumnSpec.optional(ZuoraUniqueKey.COLUMN, ValueFormat.TEXT),
                ColumnSpec.optional("PRODUCT_RATE_PLAN_CHARGE_ID", ValueFormat.TEXT)),
                List.of(row -> endsBeforeItStarts(date, row.get("STARTDATE"), row.get("ENDDATE"))
                        ? "ENDDATE " + row.get("ENDDATE") + " is before STARTDATE " + row.get("STARTDATE") : null));
        return contract.withRowKey(ZuoraUniqueKey.read(config, contract));
    }

    /** A period that ends before it starts is an export error, refused before sending; a blank ENDDATE is none. */
    private static boolean endsBeforeItStarts(DateFormat date, String start, String end) {
        return end != null && !end.isBlank() && date.parse(end).isBefore(date.parse(start));
    }
}
