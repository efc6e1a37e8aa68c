package io.usagebridge.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.RouteIdAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every intake poll: when each consumer last polled successfully and why its last poll failed. A
 * refused SFTP host key surfaces here with a clear message instead of a stack trace, and health checks read
 * the times to tell a hung consumer from a quiet inbox. No poll begins while the ledger is unreachable.
 */
public final class IntakePollMonitor implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(IntakePollMonitor.class);

    /** The last poll of one consumer; {@code pollStarted} is set while a poll runs. */
    public record PollState(Instant lastSuccess, Instant lastFailure, String lastError, Instant pollStarted) {

        /** When the consumer last finished a poll, well or badly. */
        public Instant lastFinished() {
            if (lastSuccess == null) {
                return lastFailure;
            }
            return lastFailure == null || lastSuccess.isAfter(lastFailure) ? lastSuccess : lastFailure;
        }
    }

    private final Map<String, PollState> states = new ConcurrentHashMap<>();
    private final Clock clock;
    private final LedgerGate ledger;

    public IntakePollMonitor(Clock clock, LedgerGate ledger) {
        this.clock = clock;
        this.ledger = ledger;
    }

    /** A poll begins only while the ledger answers: a skipped poll takes no file. */
    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (ledger != null && !ledger.open()) {
            // a poll skipped on purpose is no stall: liveness must not restart the app over a database outage
            commit(consumer, endpoint, 0);
            return false;
        }
        states.merge(key(consumer, endpoint), new PollState(null, null, null, clock.instant()),
                (old, now) -> new PollState(old.lastSuccess(), old.lastFailure(), old.lastError(), now.pollStarted()));
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        states.merge(key(consumer, endpoint), new PollState(clock.instant(), null, null, null),
                (old, now) -> new PollState(now.lastSuccess(), old.lastFailure(), old.lastError(), null));
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        String error = describe(cause);
        String key = key(consumer, endpoint);
        states.merge(key, new PollState(null, clock.instant(), error, null),
                (old, now) -> new PollState(old.lastSuccess(), now.lastFailure(), now.lastError(), null));
        LOG.warn("{}: poll failed: {}", key, error);
        return false; // the next scheduled poll tries again
    }

    public Optional<PollState> state(String routeId) {
        return Optional.ofNullable(states.get(routeId));
    }

    public Map<String, PollState> states() {
        return Map.copyOf(states);
    }

    private static String key(Consumer consumer, Endpoint endpoint) {
        if (consumer instanceof RouteIdAware aware && aware.getRouteId() != null) {
            return aware.getRouteId();
        }
        return endpoint.getEndpointBaseUri();
    }

    /** The root cause in one line; a host key problem named as such. */
    static String describe(Throwable cause) {
        Throwable root = cause;
        StringBuilder chain = new StringBuilder();
        while (root != null) {
            if (root.getMessage() != null) {
                chain.append(chain.length() == 0 ? "" : " / ").append(root.getMessage());
            }
            root = root.getCause() == root ? null : root.getCause();
        }
        String text = chain.toString();
        String lower = text.toLowerCase();
        if (lower.contains("hostkey") || lower.contains("host key")) {
            return "SFTP_HOST_KEY_REJECTED: the server's host key is unknown or differs from known_hosts; "
                    + "check intake.sftp.known-hosts-file (" + text + ")";
        }
        return text;
    }
}
