package io.usagebridge.targets.insights;

import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;

/** Checks a received record type's file against the Batch API's file rules, with the target's limits. */
public final class InsightsFileValidator implements Processor {

    private final Map<String, InsightsFileRules> rulesByTarget;

    public InsightsFileValidator(Map<String, InsightsFileRules> rulesByTarget) {
        this.rulesByTarget = rulesByTarget;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.setProperty(ExchangeKeys.STAGE, "validate");
        InsightsFileRules rules = rulesByTarget.get(exchange.getProperty(ExchangeKeys.TARGET, String.class));
        rules.check(exchange.getProperty(InsightsKeys.RECORD_FILE, Path.class),
                exchange.getProperty(InsightsKeys.FILE_SCAN, FileScan.class));
    }
}
