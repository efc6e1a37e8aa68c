package io.usagebridge.targets.zuora.rest;

import java.util.List;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.ColumnSpec;
import io.usagebridge.csv.CsvContract;
import io.usagebridge.plugin.TargetType;
import io.usagebridge.targets.zuora.ZuoraUsageContract;

/**
 * Zuora REST uploads. Retries carry the same Idempotency-Key, so a send cut short by a crash may be sent again:
 * Zuora answers the repeat with the first job.
 */
public final class ZuoraRestTarget implements TargetType {

    private final ZuoraRestKind kind;

    public ZuoraRestTarget(ZuoraRestKind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.type();
    }

    @Override
    public CsvContract contract(TargetConfig config) {
        // a mass action's columns depend on its action type: the header is required, the columns are Zuora's call
        return kind == ZuoraRestKind.USAGE ? ZuoraUsageContract.of(config)
                : CsvContract.open("zuora-bulk-" + config.settings().get("action-type", ""), List.<ColumnSpec>of());
    }

    /**
     * Hosts besides the base URL's that Zuora's answers may send us to (target.&lt;id&gt;.allowed-hosts replaces
     * it): Zuora's own domain, https on 443, e.g. a tenant's other data-centre host.
     */
    public static final List<String> DEFAULT_ALLOWED_HOSTS = List.of("*.zuora.com");

    /** {@code POST /v1/usage} refuses a file over 4 MiB (4194304 bytes): such a file goes as several. */
    static final long USAGE_FILE_LIMIT = 4L * 1024 * 1024;

    @Override
    public long fileByteLimit() {
        return kind == ZuoraRestKind.USAGE ? USAGE_FILE_LIMIT : Long.MAX_VALUE;
    }

    @Override
    public boolean dedupsResends() {
        return true;
    }

    @Override
    public void validate(TargetConfig config) {
        if (kind != ZuoraRestKind.BULK) {
            ZuoraUsageContract.of(config); // refuses a unique-key-columns naming no usage column
            return;
        }
        String action = config.settings().get("action-type").orElse("");
        if (action.toLowerCase().contains("usage")) {
            throw new IllegalStateException("target." + config.id() + ": /v1/bulk does not take usage (action-type "
                    + action + "); send usage to a zuora-rest-usage target (POST /v1/usage) instead");
        }
        if (!ZuoraRestKind.BULK_ACTION_TYPES.contains(action)) {
            throw new IllegalStateException("target." + config.id() + ".action-type = '" + action + "' is not a "
                    + "/v1/bulk action type; one of " + ZuoraRestKind.BULK_ACTION_TYPES);
        }
    }
}
