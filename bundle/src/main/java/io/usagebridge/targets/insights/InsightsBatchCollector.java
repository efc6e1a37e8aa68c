package io.usagebridge.targets.insights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.intake.IntakePollMonitor;
import io.usagebridge.targets.insights.ledger.InsightsBatchLedger;
import io.usagebridge.targets.insights.ledger.InsightsBatchRow;

/**
 * The Insights intake: scans {@code <inbox>/insights/<dataSource>/<batch>/} and hands on the batches to act on.
 * A batch folder arrives file by file, so a batch is taken only once every record type of its data source has a
 * file and nothing in the folder changed between two scans (sizes and times stable, the newest at least the read
 * lock's age old). The first scan that sees a folder records it in the ledger with its deadline; past the deadline
 * a still incomplete batch is handed on to fail. Nothing is sent from here.
 */
public final class InsightsBatchCollector implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InsightsBatchCollector.class);

    private final Map<String, InsightsTargetSettings> targets;
    private final Map<String, InsightsTargetSettings> byDataSource = new LinkedHashMap<>();
    private final InsightsBatchLedger ledger;
    private final Path root;
    private final String insightsFolder;
    private final Duration minAge;
    private final Clock clock;
    private final IntakePollMonitor polls;
    private final Map<Path, Map<String, List<Long>>> lastScan = new HashMap<>();
    private final Set<Path> announced = new HashSet<>();

    public InsightsBatchCollector(Map<String, InsightsTargetSettings> targets, InsightsBatchLedger ledger, Path root,
                                  String insightsFolder, Duration minAge, Clock clock, IntakePollMonitor polls) {
        this.targets = targets;
        this.ledger = ledger;
        this.root = root;
        this.insightsFolder = insightsFolder;
        this.minAge = minAge;
        this.clock = clock;
        this.polls = polls;
        for (InsightsTargetSettings target : targets.values()) {
            for (String dataSource : target.dataSources().keySet()) {
                InsightsTargetSettings other = byDataSource.put(dataSource, target);
                if (other != null) {
                    throw new IllegalStateException("data source " + dataSource + " is configured for two "
                            + "insights-batch targets (" + other.target() + ", " + target.target() + "): its batch "
                            + "folders could not tell where they go");
                }
            }
        }
    }

    /** The body becomes the batches to act on now, in data source and folder name order. */
    @Override
    public synchronized void process(Exchange exchange) throws IOException {
        // a scan is this intake's poll: liveness sees it start, and end in the finaliser (scanEnded)
        Route route = exchange.getContext().getRoute(exchange.getFromRouteId());
        if (polls != null && route != null) {
            polls.begin(route.getConsumer(), route.getEndpoint());
        }
        try {
            exchange.getMessage().setBody(scan());
        } catch (IOException | RuntimeException e) {
            if (polls != null && route != null) {
                polls.rollback(route.getConsumer(), route.getEndpoint(), 0, e);
            }
            throw e;
        }
    }

    /** The end of a scan, after every batch it handed on was dealt with. */
    static void scanEnded(IntakePollMonitor polls, Exchange exchange, int batches) {
        Route route = exchange.getContext().getRoute(exchange.getFromRouteId());
        if (polls != null && route != null) {
            polls.commit(route.getConsumer(), route.getEndpoint(), batches);
        }
    }

    private List<BatchFolder> scan() throws IOException {
        List<BatchFolder> due = new ArrayList<>();
        Set<Path> present = new HashSet<>();
        if (!targets.isEmpty() && Files.isDirectory(root)) {
            for (Path dataSourceDir : directories(root)) {
                String dataSource = dataSourceDir.getFileName().toString();
                InsightsTargetSettings target = byDataSource.get(dataSource);
                if (target == null) {
                    if (announced.add(dataSourceDir)) {
                        LOG.warn("{}/{}: not a data source of any insights-batch target (configured: {}); ignored",
                                insightsFolder, dataSource, byDataSource.keySet());
                    }
                    present.add(dataSourceDir);
                    continue;
                }
                for (Path batchDir : directories(dataSourceDir)) {
                    present.add(batchDir);
                    BatchFolder batch = inspect(target, target.dataSources().get(dataSource), batchDir);
                    if (batch != null) {
                        due.add(batch);
                    }
                }
            }
        }
        lastScan.keySet().retainAll(present);
        announced.retainAll(present);
        return due;
    }

    private BatchFolder inspect(InsightsTargetSettings target, InsightsTargetSettings.DataSource dataSource,
                                Path batchDir) throws IOException {
        String name = batchDir.getFileName().toString();
        String display = insightsFolder + "/" + dataSource.name() + "/" + name;
        Map<String, List<Long>> snapshot = snapshot(batchDir);
        Map<String, List<Long>> previous = lastScan.put(batchDir, snapshot);
        long newest = snapshot.values().stream().mapToLong(v -> v.get(1)).max().orElse(0);
        Instant now = clock.instant();
        boolean stable = snapshot.equals(previous) && newest + minAge.toMillis() <= now.toEpochMilli();

        // a temporary or partial file is part of the snapshot, so the batch waits while it changes
        BatchContents contents = BatchContents.of(dataSource, snapshot.keySet(), batchDir);
        Map<String, Path> files = contents.files();
        List<String> unexpected = contents.unexpected();
        List<String> missing = contents.missing();

        InsightsBatchRow row = ledger.seen(target.target(), dataSource.name(), name, dataSource.batchDeadline());
        if (announced.add(batchDir)) {
            LOG.info("{}: seen ({}), {}", display, row.state(), missing.isEmpty() ? "every record type present"
                    : "waiting for record types " + missing + " until " + row.deadline());
        }
        if (!stable) {
            return null;
        }
        BatchFolder.Kind kind = switch (row.state()) {
            case WAITING -> !missing.isEmpty() ? (now.isAfter(row.deadline()) ? BatchFolder.Kind.EXPIRED : null)
                    : unexpected.isEmpty() ? BatchFolder.Kind.READY : BatchFolder.Kind.INVALID;
            // a batch claimed and not finished: held by a live instance (left alone), waiting for a parked retry of
            // a record type (only checked for its end), or cut short (its lease ran out: resumed)
            case CLAIMED -> !ledger.unheld(row.id()) ? null
                    : ledger.deliveriesWaiting(row.id()) ? BatchFolder.Kind.SETTLED
                    : missing.isEmpty() && unexpected.isEmpty() ? BatchFolder.Kind.READY : BatchFolder.Kind.INVALID;
            case UPLOADED -> row.finished() ? BatchFolder.Kind.DUPLICATE : BatchFolder.Kind.SETTLED;
            case FAILED -> BatchFolder.Kind.SETTLED;
        };
        if (kind == null) {
            return null;
        }
        return new BatchFolder(target.target(), dataSource.name(), name, batchDir, kind, row.id(), files, missing,
                unexpected, row.deadline());
    }

    /**
     * A dry run's view of the batches below {@code root} (its own inbox's Insights folder): each as it stands now,
     * taken as final, without waiting for a second scan or its deadline: complete ones READY, incomplete ones
     * EXPIRED (with no more files, a real run fails them so at their deadline), others INVALID. Recorded as seen in
     * this context's ledger, which a dry run makes a throwaway one.
     */
    public synchronized List<BatchFolder> asTheyStand(Path root) throws IOException {
        List<BatchFolder> batches = new ArrayList<>();
        for (Path dataSourceDir : Files.isDirectory(root) ? directories(root) : List.<Path>of()) {
            InsightsTargetSettings target = byDataSource.get(dataSourceDir.getFileName().toString());
            if (target == null) {
                continue;
            }
            InsightsTargetSettings.DataSource dataSource = target.dataSources().get(dataSourceDir.getFileName()
                    .toString());
            for (Path batchDir : directories(dataSourceDir)) {
                BatchContents contents = BatchContents.of(dataSource, snapshot(batchDir).keySet(), batchDir);
                InsightsBatchRow row = ledger.seen(target.target(), dataSource.name(),
                        batchDir.getFileName().toString(), dataSource.batchDeadline());
                BatchFolder.Kind kind = !contents.missing().isEmpty() ? BatchFolder.Kind.EXPIRED
                        : contents.unexpected().isEmpty() ? BatchFolder.Kind.READY : BatchFolder.Kind.INVALID;
                batches.add(new BatchFolder(target.target(), dataSource.name(), batchDir.getFileName().toString(),
                        batchDir, kind, row.id(), contents.files(), contents.missing(), contents.unexpected(),
                        row.deadline()));
            }
        }
        return batches;
    }

    /** True when {@code name} is a data source of an insights-batch target. */
    public boolean isDataSource(String name) {
        return byDataSource.containsKey(name);
    }

    /** Every visible regular file of the folder: name, size and modification time. */
    private static Map<String, List<Long>> snapshot(Path dir) throws IOException {
        Map<String, List<Long>> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                } catch (IOException vanished) {
                    continue;
                }
                if (attributes.isRegularFile()) {
                    files.put(name, List.of(attributes.size(), attributes.lastModifiedTime().toMillis()));
                }
            }
        }
        return files;
    }

    static List<Path> directories(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }
}
