package io.usagebridge.csv;

/**
 * A set of longs in one array (open addressing, linear probing): no boxing, so a file's million keys cost 8 to 16
 * bytes each rather than a HashSet's 50 or more. Not thread-safe; one per file.
 */
final class LongSet {

    private static final int MAX_CAPACITY = 1 << 30;

    private long[] slots = new long[1024];
    private boolean hasZero; // 0 marks a free slot, so it is kept aside
    private int size;

    /** @return false when {@code value} was already in the set */
    boolean add(long value) {
        if (value == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (!insert(slots, value)) {
            return false;
        }
        if (++size > slots.length / 4 * 3) {
            grow();
        }
        return true;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int i = spread(value) & mask;
        while (table[i] != 0) {
            if (table[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = value;
        return true;
    }

    private void grow() {
        if (slots.length == MAX_CAPACITY) {
            throw new IllegalStateException("more than " + size + " keys in one file");
        }
        long[] larger = new long[slots.length * 2];
        for (long v : slots) {
            if (v != 0) {
                insert(larger, v);
            }
        }
        slots = larger;
    }

    /** Keys that share low bits (counters) still spread over the table. */
    private static int spread(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
