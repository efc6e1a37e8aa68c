package io.usagebridge.fault;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named points in the pipeline where the fault suite stops the app with a signal at a precise stage
 * ({@code usagebridge.fault-points}, empty in production: then every point is a no-op). A point that is switched
 * on logs one line and blocks its thread for good, so the suite's kill -9 lands exactly there.
 */
public final class FaultPoints {

    /** Source file recorded, nothing claimed. */
    public static final String AFTER_INTAKE = "after-intake";
    /** Delivery claimed, nothing sent. */
    public static final String AFTER_CLAIM = "after-claim";
    /** Delivery SENDING and its attempt opened, no byte written. */
    public static final String BEFORE_SEND = "before-send";
    /** The target's reply read (it accepted), not yet recorded. */
    public static final String AFTER_REPLY = "after-reply";
    /** A status reply read, not yet recorded. */
    public static final String WHILE_POLLING = "while-polling";
    /** One record type of an Insights batch uploaded, the next not yet. */
    public static final String INSIGHTS_BETWEEN_RECORD_TYPES = "insights-between-record-types";

    private static final Logger LOG = LoggerFactory.getLogger(FaultPoints.class);

    private final Set<String> enabled;

    public FaultPoints(String names) {
        this.enabled = names == null ? Set.of() : Arrays.stream(names.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        if (!enabled.isEmpty()) {
            LOG.warn("FAULT POINTS enabled (testing only): {}", enabled);
        }
    }

    public static FaultPoints none() {
        return new FaultPoints("");
    }

    /** Blocks here for good when this point is switched on; returns at once otherwise. */
    public void reach(String name, Object detail) {
        if (!enabled.contains(name)) {
            return;
        }
        LOG.warn("FAULT POINT {} reached: {}", name, detail);
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException e) {
                // stay: only a signal ends this thread's wait
            }
        }
    }
}
