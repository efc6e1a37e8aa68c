package io.usagebridge.targets.insights;

import java.util.List;

import org.apache.camel.RoutesBuilder;

import io.usagebridge.plugin.TargetPlugin;
import io.usagebridge.plugin.TargetServices;
import io.usagebridge.plugin.TargetType;

/**
 * Zuora Insights batches as a plug-in: the {@code insights-batch} type, its batch intake and upload routes, and its
 * own ledger tables (db/insights), whose batches are held under leases like the core's work.
 */
public final class InsightsPlugin implements TargetPlugin {

    @Override
    public List<TargetType> types() {
        return List.of(new InsightsBatchTarget());
    }

    @Override
    public List<Class<? extends RoutesBuilder>> routes() {
        return List.of(InsightsBatchRoutes.class);
    }

    @Override
    public void bind(TargetServices services) {
        InsightsBatchWiring.bind(services);
    }

    @Override
    public List<String> migrations() {
        return List.of("classpath:db/insights");
    }

    @Override
    public List<String> leasedTables() {
        return List.of("insights_batch");
    }
}
