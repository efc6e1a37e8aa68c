package io.usagebridge.pacing;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;

/**
 * Every configured target's {@link TargetSendGate}: {@code target.<id>.max-concurrent-sends}, else
 * {@code deliver.max-concurrent-sends}; a hold longer than {@code deliver.max-hold-wait-ms} is parked, not waited.
 */
public final class SendGates {

    public static final String MAX_SENDS_KEY = "deliver.max-concurrent-sends";
    public static final int DEFAULT_MAX_SENDS = 4;
    public static final String MAX_HOLD_WAIT_KEY = "deliver.max-hold-wait-ms";

    private final Map<String, TargetSendGate> gates;
    private final Duration maxHoldWait;

    public SendGates(Map<String, TargetSendGate> gates, Duration maxHoldWait) {
        this.gates = Map.copyOf(gates);
        this.maxHoldWait = maxHoldWait;
    }

    public static SendGates read(UsageBridgeSettings settings, Iterable<TargetConfig> targets, Clock clock) {
        int byDefault = settings.getInt(MAX_SENDS_KEY, DEFAULT_MAX_SENDS);
        Map<String, TargetSendGate> gates = StreamSupport.stream(targets.spliterator(), false)
                .collect(Collectors.toMap(TargetConfig::id, t -> new TargetSendGate(t.id(),
                        t.settings().getInt("max-concurrent-sends", byDefault), clock), (a, b) -> a));
        return new SendGates(gates, Duration.ofMillis(settings.getLong(MAX_HOLD_WAIT_KEY, 2000)));
    }

    /** The target's gate; a target unknown here (one added by hand at run time) is not paced. */
    public TargetSendGate of(String target) {
        return gates.get(target);
    }

    public Duration maxHoldWait() {
        return maxHoldWait;
    }

    /** Target id to its current limit, for the start-up line and health. */
    public Map<String, Integer> limits() {
        return gates.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().limit()));
    }
}
