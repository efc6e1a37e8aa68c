package io.usagebridge.intake;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;

/**
 * Files of the same content are claimed in the order the intakes handed them over, however many workers there are:
 * a resend dropped beside its original is then always the duplicate, the original delivered. A file's content is
 * known once it is fingerprinted, so a file waits there until every file handed over before it is fingerprinted
 * too (a small file behind a large one waits for the large one's copy, not its sending); should one of those have
 * the same content and still be in work, it waits for that one to end. Other files go on at once. Waits are
 * bounded, so a file stuck elsewhere never holds the ones behind it for good.
 */
public final class FileTurns {

    private static final Logger LOG = LoggerFactory.getLogger(FileTurns.class);
    private static final String TURN = "UsageBridgeFileTurn";
    /** Not fingerprinted yet. */
    private static final String UNKNOWN = "";

    private final Duration maxWait;
    /** Files handed over and still in work, by their turn, with their content's SHA-256 once known. */
    private final TreeMap<Long, String> inWork = new TreeMap<>();
    private long nextTurn;

    public FileTurns(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** On the intake's thread, in its order: the file takes the next turn; it gives it back when its work ends. */
    public void takeTurn(Exchange exchange) {
        long turn;
        synchronized (this) {
            turn = nextTurn++;
            inWork.put(turn, UNKNOWN);
        }
        exchange.setProperty(TURN, turn);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                leave(turn);
            }
        });
    }

    /** On the worker, once fingerprinted: waits for the earlier files' fingerprints, then for any of the same content. */
    public void fingerprinted(Exchange exchange) throws InterruptedException {
        Long turn = exchange.getProperty(TURN, Long.class);
        String sha256 = exchange.getProperty(ExchangeKeys.SHA256, String.class);
        if (turn == null || sha256 == null) {
            return;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (this) {
            inWork.put(turn, sha256);
            notifyAll();
            while (mustWait(turn, sha256)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{}: a file handed over before it is still being read, or of the same content still in "
                            + "work, after {} s; this one goes on", exchange.getProperty(ExchangeKeys.SOURCE_NAME),
                            maxWait.toSeconds());
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** An earlier file is not fingerprinted yet, or has the same content and is still in work. */
    private boolean mustWait(long turn, String sha256) {
        for (Map.Entry<Long, String> earlier : inWork.headMap(turn).entrySet()) {
            if (earlier.getValue().equals(UNKNOWN) || earlier.getValue().equals(sha256)) {
                return true;
            }
        }
        return false;
    }

    private synchronized void leave(long turn) {
        inWork.remove(turn);
        notifyAll();
    }
}
