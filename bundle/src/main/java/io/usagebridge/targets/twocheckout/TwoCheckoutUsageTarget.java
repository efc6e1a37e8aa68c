package io.usagebridge.targets.twocheckout;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.ColumnSpec;
import io.usagebridge.csv.CsvContract;
import io.usagebridge.csv.DateTimeFormat;
import io.usagebridge.csv.ValueFormat;
import io.usagebridge.plugin.TargetType;

/** 2Checkout's usage upload receiver: the CSV it takes and how its dates are written. */
public final class TwoCheckoutUsageTarget implements TargetType {

    public static final String TYPE = "twocheckout-usage";

    /** The seed's "GMT+2" is a fixed offset; the zone id Etc/GMT+2 would mean UTC-2. */
    static final ZoneOffset TWOCHECKOUT_OFFSET = ZoneOffset.ofHours(2);

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public CsvContract contract(TargetConfig config) {
        ZoneId sourceZone = ZoneId.of(config.settings().get("source-zone", "UTC"));
        DateTimeFormat date = new DateTimeFormat(sourceZone, TWOCHECKOUT_OFFSET,
                config.settings().get("date-pattern", "yyyy-MM-dd HH:mm:ss"));
        return new CsvContract(TYPE, List.of(
                ColumnSpec.required("UsageStart", date),
                ColumnSpec.required("UsageEnd", date),
                ColumnSpec.required("OptionCode", ValueFormat.TEXT),
                ColumnSpec.optional("Description", ValueFormat.TEXT),
                ColumnSpec.required("SubscriptionRef", ValueFormat.TEXT)),
                List.of(row -> date.parse(row.get("UsageStart")).isAfter(date.parse(row.get("UsageEnd")))
                        ? "UsageStart " + row.get("UsageStart") + " is after UsageEnd " + row.get("UsageEnd")
                        : null));
    }

    @Override
    public boolean dedupsResends() {
        return false; // 2Checkout has no idempotency key
    }
}
