package io.usagebridge.deadletter;

import java.util.ArrayList;
import java.util.List;

/**
 * The failures met while processing one source file. One instance travels by reference in an exchange
 * property, so failures recorded in per-target and per-chunk sub-exchanges reach the finaliser.
 */
public final class FailureLog {

    private final List<FailureRecord> failures = new ArrayList<>();

    public synchronized void add(FailureRecord failure) {
        failures.add(failure);
    }

    public synchronized List<FailureRecord> all() {
        return List.copyOf(failures);
    }

    public synchronized boolean isEmpty() {
        return failures.isEmpty();
    }
}
