package io.usagebridge.targets.insights.ledger;

import static io.usagebridge.targets.insights.ledger.InsightsBatchState.CLAIMED;
import static io.usagebridge.targets.insights.ledger.InsightsBatchState.FAILED;
import static io.usagebridge.targets.insights.ledger.InsightsBatchState.UPLOADED;
import static io.usagebridge.targets.insights.ledger.InsightsBatchState.WAITING;
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

/** The Insights batch state machine, checked move by move against the table it is meant to implement. */
class InsightsBatchStateTest {

    private static final Map<InsightsBatchState, Set<InsightsBatchState>> SPEC = new EnumMap<>(Map.of(
            WAITING, EnumSet.of(CLAIMED, FAILED),
            CLAIMED, EnumSet.of(CLAIMED, UPLOADED, FAILED),
            UPLOADED, EnumSet.noneOf(InsightsBatchState.class),
            FAILED, EnumSet.of(WAITING)));

    static Stream<Arguments> everyPairOfStates() {
        return Stream.of(InsightsBatchState.values())
                .flatMap(from -> Stream.of(InsightsBatchState.values())
                        .map(to -> Arguments.of(from, to, SPEC.get(from).contains(to))));
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("everyPairOfStates")
    void moveIsAllowedExactlyWhenTheTableSaysSo(InsightsBatchState from, InsightsBatchState to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to), from + " -> " + to);
    }

    @Test
    void theSpecCoversEveryStateAndAllSixteenPairsAreChecked() {
        assertEquals(EnumSet.allOf(InsightsBatchState.class), SPEC.keySet());
        assertEquals(16, everyPairOfStates().count());
    }
}
