package io.usagebridge.ledger;

import java.time.Duration;
import java.util.UUID;

/**
 * This running instance as the ledger sees it: a label for people ({@code usagebridge.instance-id}, e.g. a pod
 * name), and a token that is new at every start and owns every lease the instance takes. Correctness depends only
 * on the token: two processes given the same label still hold different leases.
 *
 * @param label     what rows show as the instance that worked on them
 * @param token     the lease owner: the label and a random part, unique per start
 * @param lease     how long a lease lasts unless the heartbeat renews it
 * @param heartbeat how often live leases are renewed (well below {@code lease})
 */
public record LedgerInstance(String label, String token, Duration lease, Duration heartbeat) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    public LedgerInstance {
        if (heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("ledger.heartbeat-ms (" + heartbeat.toMillis() + ") must be shorter "
                    + "than ledger.lease-ms (" + lease.toMillis() + "), or live leases would expire");
        }
    }

    /** A new instance: the token is the label plus a random part, so no two starts ever share it. */
    public static LedgerInstance start(String label, Duration lease, Duration heartbeat) {
        return new LedgerInstance(label, label + ":" + UUID.randomUUID(), lease, heartbeat);
    }
}
