package io.usagebridge.metrics;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What operators graph: files and bytes in, deliveries accepted, rejected, retried and dead-lettered per target,
 * upload latency, and what is in flight. Names follow Prometheus conventions once exported
 * ({@code usagebridge_files_received_total}, ...).
 */
public final class UsageBridgeMetrics {

    private final MeterRegistry registry;

    public UsageBridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void fileReceived(String intake, long bytes) {
        Counter.builder("usagebridge.files.received").description("source files taken from an intake")
                .tag("intake", intake).register(registry).increment();
        Counter.builder("usagebridge.bytes.received").description("bytes of source files taken")
                .tag("intake", intake).baseUnit("bytes").register(registry).increment(bytes);
    }

    public void delivered(String target) {
        Counter.builder("usagebridge.deliveries.accepted").description("deliveries a target accepted")
                .tag("target", target).register(registry).increment();
    }

    public void retried(String target) {
        Counter.builder("usagebridge.deliveries.retried").description("redeliveries after a retryable failure")
                .tag("target", target).register(registry).increment();
    }

    /** A failure that ended in the dead-letter route; {@code rejected} when the target or a contract refused it. */
    public void deadLettered(String target, String code, boolean rejected) {
        Counter.builder("usagebridge.deadlettered").description("failures sent to the dead-letter route")
                .tag("target", target).tag("code", code).register(registry).increment();
        if (rejected) {
            Counter.builder("usagebridge.deliveries.rejected").description("files refused by a target or its contract")
                    .tag("target", target).register(registry).increment();
        }
    }

    /** A source file ended FAILED (its original in failed/ with its .error.json). */
    public void fileFailed() {
        Counter.builder("usagebridge.files.failed").description("source files that ended FAILED")
                .register(registry).increment();
    }

    /**
     * A finished source left {@code rows} of its rows unbilled at {@code target}, which took the request and refused
     * them in its job (counted once, when the source is reconciled).
     */
    public void rowsRejected(String target, long rows) {
        Counter.builder("usagebridge.rows.rejected").description("rows a target refused in a job it finished")
                .tag("target", target).register(registry).increment(rows);
    }

    /** A source file ended DONE_WITH_REJECTS: delivered, with rows a target refused in its rejected-rows file. */
    public void fileDoneWithRejects() {
        Counter.builder("usagebridge.files.done.with.rejects").description("source files delivered with rows a "
                + "target refused").register(registry).increment();
    }

    public void alertSent(String channel, String kind) {
        Counter.builder("usagebridge.alerts.sent").description("alerts a channel's receiver took (webhook, mail)")
                .tag("channel", channel).tag("kind", kind).register(registry).increment();
    }

    public void alertGivenUp(String channel, String kind) {
        Counter.builder("usagebridge.alerts.given.up").description("alerts a channel's receiver never took (refused, "
                + "or every attempt failed)").tag("channel", channel).tag("kind", kind).register(registry).increment();
    }

    /**
     * A schedule's expected file did not arrive by its deadline (counted by the instance that raised the alert).
     * {@code by} 0 registers the schedule's counter at start, so that the first miss is an increase.
     */
    public void filesMissed(String schedule, int by) {
        Counter.builder("usagebridge.files.missed").description("windows of a schedule (alerts.schedules) in which "
                + "no expected file arrived").tag("schedule", schedule).register(registry).increment(by);
    }

    public void uploadTook(String target, Duration duration) {
        Timer.builder("usagebridge.upload.latency").description("from writing a request to the target's answer")
                .tag("target", target).register(registry).record(duration);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }
}
