package io.usagebridge.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ledger.LedgerDatabase;

/**
 * Whether intake may take files now: only while the ledger answers. With the ledger unreachable nothing could be
 * claimed or recorded, so no file is taken (it would only fail half way); polls resume once it is back. The answer
 * is kept for a second, so many consumers polling at once ask the database once.
 */
public final class LedgerGate {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerGate.class);
    private static final Duration KEEP = Duration.ofSeconds(1);

    private final LedgerDatabase database;
    private final Clock clock;
    private Instant checkedAt = Instant.MIN;
    private boolean open = true;

    public LedgerGate(LedgerDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public synchronized boolean open() {
        Instant now = clock.instant();
        if (now.isAfter(checkedAt.plus(KEEP))) {
            boolean reachable = database.reachable();
            if (reachable != open) {
                if (reachable) {
                    LOG.info("the ledger database answers again: intake resumes");
                } else {
                    LOG.warn("the ledger database is unreachable: intake paused, no file is taken until it is back");
                }
            }
            open = reachable;
            // after the check: with the database down it takes the pool's connection timeout, and the consumers
            // queued behind this one take its answer instead of waiting as long again, one after another
            checkedAt = clock.instant();
        }
        return open;
    }
}
