package io.usagebridge.intake;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The workers an intake hands its files to ({@code workers} of them, {@code intake.workers} by default): that many
 * files of one intake are in work at once. The intake's own thread only lists, locks and hands over: when every
 * worker is busy it waits for one, instead of taking the file on itself (a long file on the intake's thread would
 * hold back the next ones) or queueing it (a queued file would hold its ledger lock while no one works on it). A
 * file is locked in the ledger when it is handed over, so several instances still share one inbox.
 */
public final class IntakeWorkers {

    public static final String KEY = "intake.workers";
    public static final int DEFAULT = 4;

    private IntakeWorkers() {
    }

    /** A pool of {@code workers} threads with no queue, shut down with the Camel context. */
    public static ExecutorService pool(CamelContext context, String name, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers (" + KEY + ") must be at least 1, not " + workers);
        }
        ThreadPoolProfile profile = new ThreadPoolProfile(name);
        profile.setPoolSize(workers);
        profile.setMaxPoolSize(workers);
        profile.setMaxQueueSize(0);
        profile.setAllowCoreThreadTimeOut(false);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        ExecutorService pool = context.getExecutorServiceManager().newThreadPool(IntakeWorkers.class, name, profile);
        if (pool instanceof ThreadPoolExecutor executor) {
            executor.setRejectedExecutionHandler(WAIT_FOR_A_WORKER);
        }
        return pool;
    }

    /** Hands the file to the next worker that is free, however long that takes; refuses once the pool stops. */
    private static final RejectedExecutionHandler WAIT_FOR_A_WORKER = (task, executor) -> {
        try {
            while (!executor.isShutdown()) {
                executor.prestartCoreThread();
                if (executor.getQueue().offer(task, 200, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        throw new RejectedExecutionException("the intake's workers stopped");
    };
}
