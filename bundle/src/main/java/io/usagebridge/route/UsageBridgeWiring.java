package io.usagebridge.route;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.usagebridge.config.SecretFileFunction;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.csv.UsageChunker;
import io.usagebridge.deadletter.DeadLetterRecorder;
import io.usagebridge.deadletter.ErrorSidecarWriter;
import io.usagebridge.deadletter.FailedAttemptRecorder;
import io.usagebridge.deadletter.FailureClassifier;
import io.usagebridge.deadletter.RetryAfterReader;
import io.usagebridge.deadletter.RetryAttemptRecorder;
import io.usagebridge.deadletter.RetryDecision;
import io.usagebridge.delivery.AttemptStarter;
import io.usagebridge.delivery.DeliveryAcceptor;
import io.usagebridge.delivery.DeliveryClaimer;
import io.usagebridge.delivery.SliceChunker;
import io.usagebridge.health.IntakeLivenessCheck;
import io.usagebridge.health.LedgerHealthCheck;
import io.usagebridge.health.TargetReachabilityCheck;
import io.usagebridge.intake.IntakePollMonitor;
import io.usagebridge.intake.RunSummary;
import io.usagebridge.intake.SourceFinaliser;
import io.usagebridge.intake.SourceIntake;
import io.usagebridge.intake.StreamingFingerprinter;
import io.usagebridge.ledger.LedgerDatabase;
import io.usagebridge.ledger.LedgerRepository;
import io.usagebridge.metrics.UsageBridgeMetrics;
import io.usagebridge.poll.DuePollLoader;
import io.usagebridge.poll.PendingSourceFinaliser;
import io.usagebridge.poll.PollFailureRecorder;
import io.usagebridge.poll.PollOutcomeRecorder;
import io.usagebridge.poll.RemotePollScheduler;
import io.usagebridge.poll.ResultFileSaver;
import io.usagebridge.routing.RoutingRules;
import io.usagebridge.routing.SplitByTarget;
import io.usagebridge.routing.TargetSplitter;
import io.usagebridge.targets.TargetCatalog;
import io.usagebridge.targets.TargetType;
import io.usagebridge.targets.insights.InsightsBatchTarget;
import io.usagebridge.targets.insights.InsightsBatchWiring;
import io.usagebridge.targets.twocheckout.TwoCheckoutReplyReader;
import io.usagebridge.targets.twocheckout.TwoCheckoutUsageTarget;
import io.usagebridge.targets.zuora.ZuoraErrorMapper;
import io.usagebridge.targets.zuora.ZuoraRestKind;
import io.usagebridge.targets.zuora.ZuoraRestTarget;
import io.usagebridge.targets.zuorasoap.ZuoraImportChunker;
import io.usagebridge.targets.zuorasoap.ZuoraSoapImportTarget;

/**
 * Binds the beans the routes name, the same way on every runtime (Quarkus discovers this builder, Karaf and
 * tests add it): opens and migrates the ledger, reads targets and routing from configuration, and recovers
 * deliveries a crash left in flight before any consumer starts.
 */
public class UsageBridgeWiring extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(UsageBridgeWiring.class);

    /** Every target type this bundle ships; a new type is one more entry. */
    static final List<TargetType> TARGET_TYPES = List.of(new TwoCheckoutUsageTarget(),
            new ZuoraRestTarget(ZuoraRestKind.BULK), new ZuoraRestTarget(ZuoraRestKind.USAGE),
            new ZuoraSoapImportTarget(), new InsightsBatchTarget());

    @Override
    public void configure() throws Exception {
        CamelContext context = getContext();
        Registry registry = context.getRegistry();
        if (!context.getPropertiesComponent().hasPropertiesFunction(SecretFileFunction.NAME)) {
            context.getPropertiesComponent().addPropertiesFunction(new SecretFileFunction());
        }
        UsageBridgeSettings settings = UsageBridgeSettings.of(context);
        Clock clock = Clock.systemUTC();

        LedgerDatabase database = registry.lookupByNameAndType("ledgerDatabase", LedgerDatabase.class);
        if (database == null) {
            database = LedgerDatabase.open(settings.require("ledger.url"), settings.get("ledger.user", ""),
                    settings.get("ledger.password", ""));
            registry.bind("ledgerDatabase", database);
            context.addService(closing(database));
        }
        LedgerRepository ledger = new LedgerRepository(database.dataSource(),
                settings.get("ledger.node-id", hostName()), clock);
        TargetCatalog catalog = TargetCatalog.read(settings, TARGET_TYPES);
        RoutingRules rules = RoutingRules.read(settings, catalog.targets());
        RetryAfterReader retryAfter = new RetryAfterReader(
                Duration.ofMillis(settings.getLong("deliver.retry.max-retry-after-ms", 600_000)), clock);
        FailureClassifier classifier = new FailureClassifier(retryAfter);
        RunSummary summary = new RunSummary();
        UsageBridgeMetrics metrics = new UsageBridgeMetrics(meterRegistry(registry));
        metrics.gauge("usagebridge.exchanges.inflight", "exchanges being processed now",
                () -> context.getInflightRepository().size());
        metrics.gauge("usagebridge.deliveries.polling", "deliveries whose remote job is followed",
                ledger::countPolling);
        SourceFinaliser finaliser = new SourceFinaliser(ledger, new ErrorSidecarWriter(), summary);

        registry.bind("ledgerRepository", ledger);
        registry.bind("targetCatalog", catalog);
        registry.bind("runSummary", summary);
        registry.bind("usageBridgeMetrics", metrics);
        IntakePollMonitor pollMonitor = new IntakePollMonitor(clock);
        registry.bind("intakePollMonitor", pollMonitor);
        registry.bind("ledgerHealthCheck", new LedgerHealthCheck(database));
        registry.bind("targetReachabilityCheck", new TargetReachabilityCheck(catalog,
                settings.getInt("health.target-connect-timeout-ms", 2000)));
        registry.bind("intakeLivenessCheck", new IntakeLivenessCheck(context, pollMonitor,
                Duration.ofMillis(settings.getLong("health.intake-stall-after-ms", 900_000)), clock));
        registry.bind("sourceIntake", new SourceIntake(
                new StreamingFingerprinter(settings.getLong("intake.progress-every-bytes", 64L * 1024 * 1024)),
                ledger, Path.of(settings.get("usagebridge.work-dir", "data/work")), metrics));
        registry.bind("splitByTarget", new SplitByTarget(new TargetSplitter(rules)));
        registry.bind("sliceChunker", new SliceChunker(catalog,
                new UsageChunker(settings.getInt("validation.max-violations", 20))));
        registry.bind("deliveryClaimer", new DeliveryClaimer(ledger));
        registry.bind("attemptStarter", new AttemptStarter(ledger));
        registry.bind("deliveryAcceptor", new DeliveryAcceptor(ledger, metrics));
        registry.bind("twoCheckoutReplyReader", new TwoCheckoutReplyReader());
        registry.bind("failureClassifier", classifier);
        registry.bind("retryDecision", new RetryDecision(classifier,
                settings.getInt("deliver.retry.max-redeliveries", 5), catalog.targetsThatDedupResends()));
        registry.bind("failedAttemptRecorder", new FailedAttemptRecorder(ledger, classifier));
        registry.bind("retryAttemptRecorder", new RetryAttemptRecorder(ledger, metrics));
        registry.bind("sourceFinaliser", finaliser);
        registry.bind("remotePollScheduler", new RemotePollScheduler(ledger, catalog, clock, metrics));
        registry.bind("duePollLoader", new DuePollLoader(ledger, settings.getInt("poll.batch", 100)));
        registry.bind("pollOutcomeRecorder", new PollOutcomeRecorder(ledger, catalog, clock, metrics));
        registry.bind("pollFailureRecorder", new PollFailureRecorder(ledger, catalog, classifier, clock));
        registry.bind("pendingSourceFinaliser", new PendingSourceFinaliser(ledger, new ErrorSidecarWriter(), summary));
        registry.bind("resultFileSaver", new ResultFileSaver(
                Path.of(settings.get("usagebridge.work-dir", "data/work")).resolve("results")));
        registry.bind("zuoraErrorMapper", new ZuoraErrorMapper(classifier));
        registry.bind("zuoraImportChunker", new ZuoraImportChunker(catalog,
                new UsageChunker(settings.getInt("validation.max-violations", 20))));
        registry.bind("deadLetterRecorder", new DeadLetterRecorder(ledger, classifier, finaliser, clock, metrics));
        InsightsBatchWiring.bind(registry, settings, database, ledger, catalog, classifier, summary, clock);

        // retries are the error handler's (counted, backed off, in the ledger); the client must not add its own
        context.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        context.getComponent("https", HttpComponent.class).setAutomaticRetriesDisabled(true);

        // recovery runs when the context starts, right before the consumers: not when routes are configured
        context.addStartupListener((ctx, alreadyStarted) -> {
            int recovered = ledger.recoverInFlight(catalog.targetsThatDedupResends());
            if (recovered > 0) {
                LOG.warn("recovered {} deliveries left in flight by a previous run of node {}", recovered,
                        ledger.nodeId());
            }
        });
        LOG.info("UsageBridge ready: targets {}, ledger node {}", catalog.targets().keySet(), ledger.nodeId());
    }

    /** The runtime's registry (Quarkus' Prometheus one) when there is one; a simple one otherwise. */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry bound = registry.lookupByNameAndType("usageBridgeMeterRegistry", MeterRegistry.class);
        return bound != null ? bound : new SimpleMeterRegistry();
    }

    private static ServiceSupport closing(LedgerDatabase database) {
        return new ServiceSupport() {
            @Override
            protected void doStop() {
                database.close();
            }
        };
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
