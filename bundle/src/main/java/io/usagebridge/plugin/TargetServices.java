package io.usagebridge.plugin;

import java.time.Clock;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.csv.UsageChunker;
import io.usagebridge.deadletter.FailureClassifier;
import io.usagebridge.fault.FaultPoints;
import io.usagebridge.intake.IntakePollMonitor;
import io.usagebridge.intake.RunSummary;
import io.usagebridge.ledger.LedgerDatabase;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.metrics.UsageBridgeMetrics;

/** What the core lends a plug-in to bind its beans: the registry and the shared services its processors use. */
public record TargetServices(CamelContext context, Registry registry, UsageBridgeSettings settings,
                             LedgerDatabase database, Ledger ledger, TargetCatalog catalog,
                             FailureClassifier classifier, UsageChunker chunker, RunSummary summary,
                             UsageBridgeMetrics metrics, FaultPoints faultPoints, IntakePollMonitor pollMonitor,
                             Clock clock) {
}
