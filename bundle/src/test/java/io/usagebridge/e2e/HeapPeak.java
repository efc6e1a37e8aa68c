package io.usagebridge.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap in use at once while a suite runs, sampled every 10 ms: the figure a bounded-memory claim rests on.
 * The pools' own peaks cannot give it (their peaks fall at different times, and they count since the JVM started).
 */
final class HeapPeak implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-peak");
        t.setDaemon(true);
        return t;
    });

    HeapPeak() {
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 10, TimeUnit.MILLISECONDS);
    }

    /** The peak so far, in bytes. */
    long bytes() {
        return peak.get();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
