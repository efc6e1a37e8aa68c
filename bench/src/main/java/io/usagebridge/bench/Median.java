package io.usagebridge.bench;

import java.util.List;

/** The median of a few runs: one run disturbed by another process moves it less than a mean. */
public final class Median {

    private Median() {
    }

    public static double of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
