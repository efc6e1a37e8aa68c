package io.usagebridge.ledger;

import static io.usagebridge.ledger.DeliveryState.ACCEPTED;
import static io.usagebridge.ledger.DeliveryState.CLAIMED;
import static io.usagebridge.ledger.DeliveryState.FAILED;
import static io.usagebridge.ledger.DeliveryState.PARKED;
import static io.usagebridge.ledger.DeliveryState.PLANNED;
import static io.usagebridge.ledger.DeliveryState.POLLING;
import static io.usagebridge.ledger.DeliveryState.REJECTED;
import static io.usagebridge.ledger.DeliveryState.SENDING;
import static io.usagebridge.ledger.DeliveryState.SENT;
import static io.usagebridge.ledger.DeliveryState.STOPPED;
import static io.usagebridge.ledger.DeliveryState.UNCERTAIN;
import static io.usagebridge.ledger.DeliveryState.WAITING_BATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The delivery state machine, checked move by move against the table it is meant to implement. */
class DeliveryStateTest {

    /** The spec: from each state, the only states it may move to. */
    private static final Map<DeliveryState, Set<DeliveryState>> SPEC = new EnumMap<>(Map.ofEntries(
            Map.entry(PLANNED, EnumSet.of(CLAIMED)),
            Map.entry(CLAIMED, EnumSet.of(SENDING, WAITING_BATCH, PARKED, REJECTED, FAILED, PLANNED)),
            Map.entry(SENDING, EnumSet.of(SENT, POLLING, ACCEPTED, REJECTED, FAILED, UNCERTAIN, PARKED, PLANNED)),
            Map.entry(SENT, EnumSet.of(POLLING, ACCEPTED, REJECTED, FAILED)),
            Map.entry(POLLING, EnumSet.of(ACCEPTED, REJECTED, FAILED, STOPPED, UNCERTAIN)),
            Map.entry(PARKED, EnumSet.of(SENDING, PARKED, FAILED)),
            Map.entry(WAITING_BATCH, EnumSet.of(CLAIMED, FAILED)),
            Map.entry(ACCEPTED, EnumSet.noneOf(DeliveryState.class)),
            Map.entry(REJECTED, EnumSet.of(CLAIMED)),
            Map.entry(FAILED, EnumSet.of(CLAIMED)),
            // an uncertain send leaves only by a lookup or an operator: never back to CLAIMED by a file
            Map.entry(UNCERTAIN, EnumSet.of(ACCEPTED, POLLING, PARKED)),
            Map.entry(STOPPED, EnumSet.of(CLAIMED))));

    static Stream<Arguments> everyPairOfStates() {
        return Stream.of(DeliveryState.values())
                .flatMap(from -> Stream.of(DeliveryState.values())
                        .map(to -> Arguments.of(from, to, SPEC.get(from).contains(to))));
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("everyPairOfStates")
    void moveIsAllowedExactlyWhenTheTableSaysSo(DeliveryState from, DeliveryState to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to), from + " -> " + to);
    }

    @Test
    void theSpecCoversEveryStateAndAllPairsAreChecked() {
        assertEquals(EnumSet.allOf(DeliveryState.class), SPEC.keySet());
        assertEquals(144, everyPairOfStates().count());
    }
}
