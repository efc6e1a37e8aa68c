package io.usagebridge.csv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LongSetTest {

    @Test
    void everyValueIsAddedOnceThroughGrowthZeroAndNegativesIncluded() {
        LongSet set = new LongSet();
        SplittableRandom random = new SplittableRandom(19);
        long[] values = new long[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 3 ? i - 1 : random.nextLong(); // -1, 0, 1, then random
        }
        for (long v : values) {
            assertTrue(set.add(v), "first add of " + v);
        }
        for (long v : values) {
            assertFalse(set.add(v), "second add of " + v);
        }
        // counters (low bits alike) spread too: no hang, no loss
        for (long i = 1; i <= 50_000; i++) {
            assertTrue(set.add(i << 32));
        }
    }
}
