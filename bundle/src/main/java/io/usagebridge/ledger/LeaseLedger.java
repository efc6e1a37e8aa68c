package io.usagebridge.ledger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;

/**
 * The leases of every unit of work. The heartbeat renews what this instance holds; the sweep turns work whose lease
 * ran out (its instance died or paused too long) into something any instance can pick up, or into UNCERTAIN where a
 * request may have reached the target. Every change is a compare-and-set on the expired lease, so two instances
 * sweeping at once change a row once.
 */
public class LeaseLedger extends LedgerSql {

    /** Tables whose rows hold leases in claimed_by / lease_until: the core's deliveries and alerts, the plug-ins' own. */
    private final List<String> leasedTables;

    public LeaseLedger(DataSource dataSource, LedgerInstance instance, Clock clock, List<String> pluginTables) {
        super(dataSource, instance, clock);
        // alert_send: an alert to send on one channel (alerts.ledger.AlertLedger), held while it is being sent
        this.leasedTables = new ArrayList<>(List.of("delivery", "alert_send"));
        this.leasedTables.addAll(pluginTables);
    }

    /** Renews every lease this instance holds; returns how many rows it renewed. */
    public int renew() {
        return inTransaction(h -> {
            int renewed = 0;
            for (String table : leasedTables) {
                renewed += update(h, "update " + table + " set lease_until = ? where claimed_by = ? "
                        + "and lease_until is not null", leaseUntil(), instance.token());
            }
            renewed += update(h, "update source_file set lease_until = ? where lease_owner = ?", leaseUntil(),
                    instance.token());
            renewed += update(h, "update intake_lock set lease_until = ? where lease_owner = ?", leaseUntil(),
                    instance.token());
            return renewed;
        });
    }

    /** What one sweep did, for the log. */
    public record Swept(int interruptedSources, int releasedClaims, int resendable, int uncertain, int locks) {
        public int total() {
            return interruptedSources + releasedClaims + resendable + uncertain + locks;
        }
    }

    /**
     * Takes over work whose lease ran out: an intake cut short is INTERRUPTED (the file, still in the inbox, comes
     * again); a claim with nothing sent is PLANNED again; a send cut short is PLANNED again where the target
     * deduplicates repeats (same key) and UNCERTAIN elsewhere; a read lock of a dead instance is dropped.
     */
    public Swept sweepExpired(Set<String> targetsThatDedupResends) {
        return inTransaction(h -> {
            var now = now();
            int sources = update(h, "update source_file set state = ?, finished_at = ?, lease_owner = null, "
                    + "lease_until = null where state = ? and lease_until < ?", SourceState.INTERRUPTED, now,
                    SourceState.RECEIVED, now);
            int released = update(h, "update delivery set state = ?, claimed_by = null, lease_until = null, "
                    + "updated_at = ? where state = ? and lease_until < ?", DeliveryState.PLANNED, now,
                    DeliveryState.CLAIMED, now);
            int resendable = 0;
            int uncertain = 0;
            for (DeliveryRow row : deliveries(h, "state = ? and lease_until < ?", DeliveryState.SENDING, now)) {
                if (targetsThatDedupResends.contains(row.target())) {
                    resendable += update(h, "update delivery set state = ?, claimed_by = null, lease_until = null, "
                            + "updated_at = ? where id = ? and state = ? and lease_until < ?", DeliveryState.PLANNED,
                            now, row.id(), DeliveryState.SENDING, now);
                } else {
                    uncertain += update(h, "update delivery set state = ?, claimed_by = null, lease_until = null, "
                            + "uncertain_since = coalesce(uncertain_since, updated_at), error_code = ?, "
                            + "error_message = ?, updated_at = ? where id = ? and state = ? and lease_until < ?",
                            DeliveryState.UNCERTAIN, CoreFailureCode.DELIVERY_UNCERTAIN, "the instance sending it "
                            + "stopped before the target answered; it may have arrived", now, row.id(),
                            DeliveryState.SENDING, now);
                }
            }
            // a taken parked retry or poll whose instance died: free again for any instance
            update(h, "update delivery set claimed_by = null, lease_until = null where state in ('PARKED', "
                    + "'POLLING', 'UNCERTAIN') and lease_until < ?", now);
            update(h, "update source_file set lease_owner = null, lease_until = null where state in ('PENDING', "
                    + "'UNCERTAIN') and lease_until < ?", now);
            // locks released after a move linger a few seconds by design; only a dead instance's lock is a takeover
            update(h, "delete from intake_lock where lease_until < ? and lease_owner = 'released'", now);
            int locks = update(h, "delete from intake_lock where lease_until < ?", now);
            return new Swept(sources, released, resendable, uncertain, locks);
        });
    }

    /**
     * At start, for a ledger only one process can open (an H2 file is locked by the process that opened it): every
     * lease in it belongs to a process that is gone, so they all run out now instead of after their term.
     */
    public int expireAll() {
        return inTransaction(h -> {
            var past = java.sql.Timestamp.from(clock.instant().minusMillis(1));
            int expired = 0;
            for (String table : leasedTables) {
                expired += update(h, "update " + table + " set lease_until = ? where lease_until is not null",
                        past);
            }
            expired += update(h, "update source_file set lease_until = ? where lease_until is not null", past);
            expired += update(h, "update intake_lock set lease_until = ?", past);
            return expired;
        });
    }
}
