package io.usagebridge.ledger;

import static io.usagebridge.ledger.DeliveryState.ACCEPTED;
import static io.usagebridge.ledger.DeliveryState.CLAIMED;
import static io.usagebridge.ledger.DeliveryState.FAILED;
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
    private static final Map<DeliveryState, Set<DeliveryState>> SPEC = new EnumMap<>(Map.of(
            CLAIMED, EnumSet.of(SENDING, WAITING_BATCH, REJECTED, FAILED, CLAIMED),
            SENDING, EnumSet.of(SENT, POLLING, ACCEPTED, REJECTED, FAILED, UNCERTAIN, CLAIMED),
            SENT, EnumSet.of(POLLING, ACCEPTED, REJECTED, FAILED),
            POLLING, EnumSet.of(ACCEPTED, REJECTED, FAILED, STOPPED),
            WAITING_BATCH, EnumSet.of(CLAIMED, FAILED),
            ACCEPTED, EnumSet.noneOf(DeliveryState.class),
            REJECTED, EnumSet.of(CLAIMED),
            FAILED, EnumSet.of(CLAIMED),
            UNCERTAIN, EnumSet.of(CLAIMED, FAILED),
            STOPPED, EnumSet.of(CLAIMED)));

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
    void theSpecCoversEveryStateAndAllHundredPairsAreChecked() {
        assertEquals(EnumSet.allOf(DeliveryState.class), SPEC.keySet());
        assertEquals(100, everyPairOfStates().count());
    }
}
