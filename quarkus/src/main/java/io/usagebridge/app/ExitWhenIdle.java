package io.usagebridge.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quarkus.runtime.Quarkus;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.intake.RunSummary;
import io.usagebridge.preview.DryRunSettings;

/**
 * With {@code usagebridge.exit-when-idle-seconds} set (the sandbox run), the app prints the per-file summary and
 * exits once neither the inbox nor the inflight folder has held a usage file for that long and no exchange is in
 * flight.
 */
@ApplicationScoped
public class ExitWhenIdle {

    private static final Logger LOG = LoggerFactory.getLogger(ExitWhenIdle.class);
    /** The files the folder intake takes (its include option). */
    private static final Pattern USAGE_FILE = Pattern.compile("(?i).*\\.csv");
    private static final long CHECK_EVERY_MS = 250;

    private ScheduledExecutorService checker;
    private long idleSinceNanos = -1;

    void afterStart(@Observes AfterStart event) {
        CamelContext context = event.getCamelContext();
        UsageBridgeSettings settings = UsageBridgeSettings.of(context);
        // a dry run exits once its run is over (DryRunOnStart), whatever the profile says
        if (settings.get("usagebridge.exit-when-idle-seconds").isEmpty()
                || settings.get(DryRunSettings.PREVIEW_KEY).isPresent()) {
            return;
        }
        long idleNanos = TimeUnit.SECONDS.toNanos(settings.getLong("usagebridge.exit-when-idle-seconds", 0));
        Path inbox = Path.of(settings.require("intake.folder.dir"));
        Path inflight = Path.of(settings.get("intake.folder.inflight-dir", "data/inflight"));
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "usagebridge-exit-when-idle");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(() -> check(context, inbox, inflight, idleNanos), CHECK_EVERY_MS, CHECK_EVERY_MS,
                TimeUnit.MILLISECONDS);
        LOG.info("will exit once {} and {} have been empty for {} s", inbox, inflight, settings.require(
                "usagebridge.exit-when-idle-seconds"));
    }

    private void check(CamelContext context, Path inbox, Path inflight, long idleNanos) {
        try {
            // a file in inflight/ waits for a target's final status: not idle yet
            boolean filesWaiting = holdsUsageFile(inbox) || holdsUsageFile(inflight);
            long now = System.nanoTime();
            if (filesWaiting) {
                idleSinceNanos = -1;
            } else if (idleSinceNanos < 0) {
                idleSinceNanos = now;
            } else if (now - idleSinceNanos >= idleNanos && context.getInflightRepository().size() == 0) {
                // every file's work shows as a file in the inbox or inflight/; exchanges of the timers (heartbeat,
                // polls, scans every few hundred ms) only hold the exit for a moment, they never restart the wait
                checker.shutdown();
                RunSummary summary = context.getRegistry().lookupByNameAndType("runSummary", RunSummary.class);
                System.out.print(RunSummaryTable.format(summary == null ? List.of() : summary.lines()));
                System.out.flush();
                LOG.info("idle: inbox {} empty and nothing in flight, exiting", inbox);
                Quarkus.asyncExit(0);
            }
        } catch (RuntimeException e) {
            // a failed check must not cancel the schedule (the executor would drop it silently)
            LOG.warn("idle check failed", e);
        }
    }

    static boolean holdsUsageFile(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(inbox)) {
            return files.anyMatch(f -> Files.isRegularFile(f) && USAGE_FILE.matcher(f.getFileName().toString()).matches());
        } catch (IOException | UncheckedIOException e) {
            return true; // a file moved away while walking: look again on the next check
        }
    }

    @PreDestroy
    void stop() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
