package io.usagebridge.targets.insights;

import java.util.List;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.csv.ColumnSpec;
import io.usagebridge.csv.CsvContract;
import io.usagebridge.plugin.TargetType;

/**
 * Zuora Insights through its Batch API (seed 004): a batch folder per data source, one file per record type, all
 * uploaded with one batchDate. A resend is safe: the upload URL is asked again and the PUT to the store replaces
 * the object, with the same batchDate.
 */
public final class InsightsBatchTarget implements TargetType {

    public static final String TYPE = "insights-batch";

    @Override
    public String name() {
        return TYPE;
    }

    /** Not used: Insights files are checked by {@link InsightsFileRules}, not cut into chunks. */
    @Override
    public CsvContract contract(TargetConfig config) {
        return CsvContract.open(TYPE, List.<ColumnSpec>of());
    }

    /** The route that sends one record type of a claimed batch, shared by every insights-batch target. */
    public static final String SEND_ROUTE = "send-insights-batch";

    @Override
    public boolean dedupsResends() {
        return true;
    }

    @Override
    public String sendEndpoint(String targetId) {
        return SEND_ROUTE;
    }

    @Override
    public void validate(TargetConfig config) {
        InsightsTargetSettings.read(config);
        if (config.settings().get("api-token").isEmpty()) {
            throw new IllegalStateException("target." + config.id() + ".api-token is not set: the Insights API token, "
                    + "as a reference such as {{env:INSIGHTS_API_TOKEN}}");
        }
        if (config.inboxFolder().isPresent() || config.fileGlob().isPresent()) {
            throw new IllegalStateException("target." + config.id() + ": an insights-batch target takes batch folders "
                    + "<inbox>/insights/<dataSource>/<batch>/, not single files: remove inbox-folder and file-glob");
        }
    }
}
