package io.usagebridge.targets.insights;

import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Checks a received record type's file against the Batch API's file rules, with the target's limits, and that it is
 * still the file its scan measured (the upload sends exactly those bytes: {@link CheckedFileEntity}).
 */
public final class InsightsFileValidator implements Processor {

    private final Map<String, InsightsFileRules> rulesByTarget;

    public InsightsFileValidator(Map<String, InsightsFileRules> rulesByTarget) {
        this.rulesByTarget = rulesByTarget;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.setProperty(ExchangeKeys.STAGE, "validate");
        InsightsFileRules rules = rulesByTarget.get(exchange.getProperty(ExchangeKeys.TARGET, String.class));
        Path file = exchange.getProperty(InsightsKeys.RECORD_FILE, Path.class);
        FileScan scan = exchange.getProperty(InsightsKeys.FILE_SCAN, FileScan.class);
        rules.check(file, scan);
        // the rules read the file again: what they passed is what was scanned only if it did not change meanwhile
        // (the upload then sends exactly the scanned bytes, or nothing)
        String now = FileScan.of(file).md5();
        if (!now.equals(scan.md5())) {
            throw new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_FILE_CHANGED, file.getFileName() + " changed "
                    + "while it was checked (MD5 " + scan.md5() + ", then " + now + "): nothing of the batch is sent");
        }
    }
}
