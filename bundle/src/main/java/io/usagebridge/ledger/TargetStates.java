package io.usagebridge.ledger;

import java.util.Map;

/**
 * Where one source file stands at one target: its deliveries (chunks) counted by state.
 *
 * @param state the state a user reads first: the least advanced of its chunks' states (one FAILED chunk makes the
 *              file FAILED there; all ACCEPTED makes it ACCEPTED)
 */
public record TargetStates(String target, DeliveryState state, int chunks, Map<DeliveryState, Integer> byState) {
}
