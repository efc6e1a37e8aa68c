package io.usagebridge.route;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import io.usagebridge.csv.CsvLimits;
import io.usagebridge.csv.UsageChunker;
import io.usagebridge.deadletter.DeadLetterRecorder;
import io.usagebridge.deadletter.DeliveryFailurePolicy;
import io.usagebridge.deadletter.ErrorSidecarWriter;
import io.usagebridge.deadletter.FailureClassifier;
import io.usagebridge.deadletter.RetryAfterReader;
import io.usagebridge.delivery.AttemptStarter;
import io.usagebridge.delivery.ChunkPlanLoader;
import io.usagebridge.delivery.DeliveryAcceptor;
import io.usagebridge.delivery.DeliveryChunker;
import io.usagebridge.delivery.DeliveryClaimer;
import io.usagebridge.delivery.DeliveryPlanner;
import io.usagebridge.delivery.DueRetryLoader;
import io.usagebridge.delivery.ParkedRetryPreparer;
import io.usagebridge.delivery.SentNameRecorder;
import io.usagebridge.delivery.SliceChunker;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.fault.FaultPoints;
import io.usagebridge.health.IntakeLivenessCheck;
import io.usagebridge.health.LedgerHealthCheck;
import io.usagebridge.health.TargetReachabilityCheck;
import io.usagebridge.http.CappedReplyClient;
import io.usagebridge.http.ReplyBodies;
import io.usagebridge.intake.FileTurns;
import io.usagebridge.intake.IntakePollMonitor;
import io.usagebridge.intake.IntakeReadLocks;
import io.usagebridge.intake.IntakeTemplates;
import io.usagebridge.intake.LedgerGate;
import io.usagebridge.intake.LedgerReadLock;
import io.usagebridge.intake.MoveFailures;
import io.usagebridge.intake.OriginalMover;
import io.usagebridge.intake.RunSummary;
import io.usagebridge.intake.SourceFinaliser;
import io.usagebridge.intake.SourceIntake;
import io.usagebridge.intake.StreamingFingerprinter;
import io.usagebridge.intake.UnsafeFileNames;
import io.usagebridge.intake.WorkDirs;
import io.usagebridge.lease.LeaseKeeper;
import io.usagebridge.ledger.IntakeLocks;
import io.usagebridge.ledger.LeaseLedger;
import io.usagebridge.ledger.LedgerDatabase;
import io.usagebridge.ledger.LedgerInstance;
import io.usagebridge.ledger.LedgerPoolSettings;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.ledger.Journeys;
import io.usagebridge.ledger.Reconciliation;
import io.usagebridge.ledger.OperatorActions;
import io.usagebridge.ledger.Resolutions;
import io.usagebridge.metrics.UsageBridgeMetrics;
import io.usagebridge.pacing.SendGateEntry;
import io.usagebridge.pacing.SendGates;
import io.usagebridge.plugin.TargetCatalog;
import io.usagebridge.plugin.TargetPlugins;
import io.usagebridge.plugin.TargetServices;
import io.usagebridge.preview.RequestPreviewWriter;
import io.usagebridge.poll.DuePollLoader;
import io.usagebridge.poll.PollFailureRecorder;
import io.usagebridge.poll.PollOutcomeRecorder;
import io.usagebridge.poll.RemotePollScheduler;
import io.usagebridge.poll.ResultFileSaver;
import io.usagebridge.poll.WaitingSourceFinaliser;
import io.usagebridge.reconcile.RejectedRows;
import io.usagebridge.reconcile.RejectedRowsWriter;
import io.usagebridge.resolve.DueLookupLoader;
import io.usagebridge.resolve.LookupFailureRecorder;
import io.usagebridge.resolve.LookupOutcomeRecorder;
import io.usagebridge.resolve.LookupPreparer;
import io.usagebridge.routing.RoutingRules;
import io.usagebridge.security.TargetTrust;
import io.usagebridge.routing.SplitByTarget;
import io.usagebridge.routing.TargetSplitter;
import io.usagebridge.startup.StartupChecks;
import io.usagebridge.startup.StartupRefused;

/**
 * Binds the beans the routes name, the same way on every runtime (Quarkus discovers this builder, Karaf and
 * tests add it): opens and migrates the ledger, starts this instance's lease identity, reads targets and routing
 * from configuration; for a single-process ledger, takes over at start every lease a dead run left.
 */
public class UsageBridgeWiring extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(UsageBridgeWiring.class);

    @Override
    public void configure() throws Exception {
        CamelContext context = getContext();
        Registry registry = context.getRegistry();
        if (!context.getPropertiesComponent().hasPropertiesFunction(SecretFileFunction.NAME)) {
            context.getPropertiesComponent().addPropertiesFunction(new SecretFileFunction());
        }
        UsageBridgeSettings settings = UsageBridgeSettings.of(context);
        Clock clock = clock(registry);

        TargetPlugins plugins = TargetPlugins.discover();
        // nothing starts on a configuration that cannot work: every problem in one line
        List<String> problems = StartupChecks.run(context, plugins);
        if (!problems.isEmpty()) {
            throw new StartupRefused(problems);
        }
        LedgerDatabase database = registry.lookupByNameAndType("ledgerDatabase", LedgerDatabase.class);
        if (database == null) {
            database = LedgerDatabase.open(settings.require("ledger.url"), settings.get("ledger.user", ""),
                    settings.get("ledger.password", ""), plugins.migrations(), LedgerPoolSettings.read(settings));
            registry.bind("ledgerDatabase", database);
            context.addService(closing(database));
        }
        LedgerInstance instance = LedgerInstance.start(
                settings.get("usagebridge.instance-id", settings.get("ledger.node-id", hostName())),
                Duration.ofMillis(settings.getLong("ledger.lease-ms", LedgerInstance.DEFAULT_LEASE.toMillis())),
                Duration.ofMillis(settings.getLong("ledger.heartbeat-ms",
                        LedgerInstance.DEFAULT_HEARTBEAT.toMillis())));
        Ledger ledger = Ledger.on(database.dataSource(), instance, clock);
        LeaseLedger leases = new LeaseLedger(database.dataSource(), instance, clock, plugins.leasedTables());
        Resolutions resolutions = new Resolutions(database.dataSource(), instance, clock);
        TargetCatalog catalog = TargetCatalog.read(settings, plugins.types());
        TargetTrust.bindAll(context, catalog.targets().values());
        RoutingRules rules = RoutingRules.read(settings, catalog.targets());
        RetryAfterReader retryAfter = new RetryAfterReader(
                Duration.ofMillis(settings.getLong("deliver.retry.max-retry-after-ms", 600_000)), clock);
        FailureClassifier classifier = new FailureClassifier(retryAfter);
        RunSummary summary = new RunSummary();
        FaultPoints faultPoints = new FaultPoints(settings.get("usagebridge.fault-points", ""));
        UsageBridgeMetrics metrics = new UsageBridgeMetrics(meterRegistry(registry));
        metrics.gauge("usagebridge.exchanges.inflight", "exchanges being processed now",
                () -> context.getInflightRepository().size());
        metrics.gauge("usagebridge.deliveries.polling", "deliveries whose remote job is followed",
                ledger.deliveries()::countPolling);
        metrics.gauge("usagebridge.deliveries.parked", "deliveries waiting for a retry", ledger.deliveries()::countParked);
        metrics.gauge("usagebridge.deliveries.uncertain", "deliveries awaiting resolution", ledger.deliveries()::countUncertain);
        AlertWiring.bind(context, settings, database, instance, retryAfter, metrics, clock);
        WorkDirs workDirs = new WorkDirs(ledger.sources());
        SourceFinaliser finaliser = new SourceFinaliser(ledger, new ErrorSidecarWriter(), summary, workDirs,
                metrics);
        Path workRoot = Path.of(settings.get("usagebridge.work-dir", "data/work"));
        CsvLimits csvLimits = new CsvLimits(
                settings.getInt(CsvLimits.MAX_RECORD_CHARS_KEY, CsvLimits.DEFAULT_MAX_RECORD_CHARS),
                settings.getInt(CsvLimits.MAX_FIELD_CHARS_KEY, CsvLimits.DEFAULT_MAX_FIELD_CHARS));
        UsageChunker chunker = new UsageChunker(settings.getInt("validation.max-violations", 20), csvLimits);

        registry.bind("ledgerInstance", instance);
        registry.bind("ledger", ledger);
        registry.bind("resolutions", resolutions);
        // what the console, its API and the CLI read and record
        registry.bind("journeys", new Journeys(database.dataSource(), instance, clock));
        registry.bind("reconciliation", new Reconciliation(database.dataSource(), instance, clock));
        registry.bind("operatorActions", new OperatorActions(database.dataSource(), instance, clock));
        registry.bind("targetCatalog", catalog);
        registry.bind("runSummary", summary);
        registry.bind("usageBridgeMetrics", metrics);
        registry.bind("faultPoints", faultPoints);
        IntakePollMonitor pollMonitor = new IntakePollMonitor(clock, new LedgerGate(database, clock));
        registry.bind("intakePollMonitor", pollMonitor);
        registry.bind("intakeMoveFailures", new MoveFailures());
        IntakeLocks intakeLocks = new IntakeLocks(database.dataSource(), instance, clock);
        registry.bind("intakeLocks", intakeLocks);
        // the intake templates make a read lock per route; these two serve intake routes written by hand
        registry.bind("folderReadLock", new LedgerReadLock<>(intakeLocks, IntakeReadLocks.folderChanged(
                settings.under("intake.folder."))));
        registry.bind("sftpReadLock", new LedgerReadLock<>(intakeLocks, IntakeReadLocks.sftpChanged(
                settings.under("intake.sftp."))));
        registry.bind("ledgerHealthCheck", new LedgerHealthCheck(database));
        registry.bind("targetReachabilityCheck", new TargetReachabilityCheck(context, catalog,
                settings.getInt("health.target-connect-timeout-ms", 2000)));
        registry.bind("intakeLivenessCheck", new IntakeLivenessCheck(context, pollMonitor,
                Duration.ofMillis(settings.getLong("health.intake-stall-after-ms", 900_000)), clock));
        registry.bind("sourceIntake", new SourceIntake(
                new StreamingFingerprinter(settings.getLong("intake.progress-every-bytes", 64L * 1024 * 1024)),
                ledger.sources(), workRoot, metrics, faultPoints));
        registry.bind("splitByTarget", new SplitByTarget(new TargetSplitter(rules, csvLimits)));
        registry.bind("chunkPlanLoader", new ChunkPlanLoader(ledger.deliveries()));
        registry.bind("deliveryChunker", new DeliveryChunker(catalog));
        registry.bind("sliceChunker", new SliceChunker(catalog, chunker));
        registry.bind("deliveryPlanner", new DeliveryPlanner(ledger.deliveries()));
        registry.bind("deliveryClaimer", new DeliveryClaimer(ledger.deliveries(), catalog, faultPoints));
        registry.bind("sentNameRecorder", new SentNameRecorder(ledger.deliveries()));
        registry.bind("attemptStarter", new AttemptStarter(ledger.deliveries(), faultPoints));
        registry.bind(SendPipeline.PREVIEW_WRITER, new RequestPreviewWriter());
        SendGates sendGates = SendGates.read(settings, catalog.targets().values(), clock);
        registry.bind("sendGates", sendGates);
        registry.bind("sendGateEntry", new SendGateEntry(sendGates));
        registry.bind(IntakeTemplates.FILE_TURNS_BEAN, new FileTurns(Duration.ofMillis(settings.getLong(
                "intake.same-content-max-wait-ms", 600_000))));
        registry.bind("deliveryAcceptor", new DeliveryAcceptor(ledger, metrics, faultPoints));
        registry.bind("failureClassifier", classifier);
        registry.bind("sourceFinaliser", finaliser);
        registry.bind("remotePollScheduler", new RemotePollScheduler(ledger, catalog, clock, metrics, faultPoints));
        registry.bind("duePollLoader", new DuePollLoader(ledger.polls(), settings.getInt("poll.batch", 100)));
        registry.bind("pollOutcomeRecorder", new PollOutcomeRecorder(ledger, catalog, clock, metrics, faultPoints));
        registry.bind("pollFailureRecorder", new PollFailureRecorder(ledger, catalog, classifier, clock));
        registry.bind("waitingSourceFinaliser", new WaitingSourceFinaliser(ledger, new ErrorSidecarWriter(), summary,
                workDirs, new OriginalMover(context), metrics, new RejectedRows(new RejectedRowsWriter(
                        rules.routingColumn(), rules.targetsByRoutingValue(), csvLimits))));
        registry.bind(IntakeTemplates.UNSAFE_NAMES_BEAN, new UnsafeFileNames());
        registry.bind("resultFileSaver", new ResultFileSaver(workRoot.resolve("results")));
        registry.bind("deadLetterRecorder", new DeadLetterRecorder(ledger, classifier, new DeliveryFailurePolicy(
                settings.getInt("deliver.retry.max-redeliveries", 5),
                Duration.ofMillis(settings.getLong("deliver.retry.initial-delay-ms", 2000)),
                Double.parseDouble(settings.get("deliver.retry.multiplier", "2")),
                Duration.ofMillis(settings.getLong("deliver.retry.max-delay-ms", 60_000))),
                catalog.targetsThatDedupResends(), clock, metrics));
        registry.bind("dueRetryLoader", new DueRetryLoader(ledger.deliveries(), settings.getInt("deliver.retry.batch", 20)));
        registry.bind("parkedRetryPreparer", new ParkedRetryPreparer(ledger, Duration.ofMillis(
                settings.getLong("deliver.retry.missing-chunk-grace-ms", 900_000)), clock));
        registry.bind("leaseKeeper", new LeaseKeeper(leases, catalog.targetsThatDedupResends()));
        registry.bind("dueLookupLoader", new DueLookupLoader(resolutions, catalog,
                settings.getInt("resolve.lookup.max-lookups", 5),
                Duration.ofMillis(settings.getLong("resolve.lookup.settle-ms", 600_000)), 20));
        registry.bind("lookupPreparer", new LookupPreparer());
        registry.bind("lookupOutcomeRecorder", new LookupOutcomeRecorder(resolutions, catalog, clock));
        registry.bind("lookupFailureRecorder", new LookupFailureRecorder(resolutions,
                Duration.ofMillis(settings.getLong("resolve.lookup.retry-ms", 300_000))));
        TargetServices services = new TargetServices(context, registry, settings, database, ledger, catalog,
                classifier, chunker, summary, metrics, faultPoints, pollMonitor, clock);
        plugins.all().forEach(plugin -> plugin.bind(services));

        // retries are parked in the ledger (counted, backed off); the client must not add its own
        context.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        context.getComponent("https", HttpComponent.class).setAutomaticRetriesDisabled(true);
        // every answer is read at most to its cap, and a body cut short drops its connection (never drained)
        CappedReplyClient replies = new CappedReplyClient(ReplyBodies.maxReplyBytes(context),
                ReplyBodies.MAX_REPLY_BYTES_KEY, CoreFailureCode.TARGET_REPLY_TOO_LARGE);
        context.getComponent("http", HttpComponent.class).setHttpClientConfigurer(replies);
        context.getComponent("https", HttpComponent.class).setHttpClientConfigurer(replies);
        CappedReplyClient.keepOutOfStreamCache(context);
        registry.bind(CappedReplyClient.RESULT_FILES, new CappedReplyClient(ReplyBodies.maxResultBytes(context),
                ReplyBodies.MAX_RESULT_BYTES_KEY, CoreFailureCode.RESULT_FILE_TOO_LARGE));
        // a stop parks or finishes what is in flight within this, then leaves the rest in place for the next start
        context.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        context.getShutdownStrategy().setTimeout(settings.getLong("usagebridge.shutdown-timeout-ms", 10_000));

        if (database.singleProcess()) {
            // at start, right before the consumers: every lease in a single-process ledger is a dead process's
            context.addStartupListener((ctx, alreadyStarted) -> {
                int expired = leases.expireAll();
                LeaseLedger.Swept swept = leases.sweepExpired(catalog.targetsThatDedupResends());
                if (expired > 0) {
                    LOG.warn("took over {} leases left by an earlier run of this ledger ({} intakes interrupted, {} "
                            + "sends uncertain, {} to resend)", expired, swept.interruptedSources(), swept.uncertain(),
                            swept.resendable());
                }
            });
        }
        LOG.info("UsageBridge ready: targets {} (concurrent sends at most {}), instance {}", catalog.targets().keySet(),
                sendGates.limits(), instance.token());
    }

    /** A bound {@code usageBridgeClock} (a test drives time with it), else the system's. */
    private static Clock clock(Registry registry) {
        Clock bound = registry.lookupByNameAndType("usageBridgeClock", Clock.class);
        return bound != null ? bound : Clock.systemUTC();
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
