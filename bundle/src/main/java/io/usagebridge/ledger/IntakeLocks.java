package io.usagebridge.ledger;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.jdbi.v3.core.Handle;

/**
 * The file consumers' read lock across instances (see {@code intake.LedgerReadLock}), kept in the ledger: one
 * instance at a time takes an inbox file. A lock is a lease like every other unit of work: the heartbeat renews it
 * while the file is processed; when its instance dies it runs out and any instance takes the file. The lock goes
 * when the file has been moved (commit) or processing failed (rollback: the file stays and is taken again).
 */
public class IntakeLocks extends ServiceSupport implements IdempotentRepository {

    private final LockSql locks;

    public IntakeLocks(DataSource dataSource, LedgerInstance instance, Clock clock) {
        this.locks = new LockSql(dataSource, instance, clock);
    }

    /** Takes the lock: new, or taken over from an instance whose lease ran out. */
    @Override
    public boolean add(String key) {
        return locks.take(key);
    }

    @Override
    public boolean contains(String key) {
        return locks.heldLive(key);
    }

    @Override
    public boolean remove(String key) {
        return locks.release(key);
    }

    /** The file was moved away: nothing to keep (a file of the same name arriving later is a new file). */
    @Override
    public boolean confirm(String key) {
        return locks.release(key);
    }

    @Override
    public void clear() {
        locks.releaseAllOfThisInstance();
    }

    /** Released, but held a few more seconds by nobody: a listing taken before the file moved cannot take it. */
    public void releaseLater(String key) {
        locks.releaseLater(key);
    }

    private static final java.time.Duration LINGER = java.time.Duration.ofSeconds(5);
    /** The owner of a lock that lingers after its file moved. */
    private static final String RELEASED = "released";

    /** The SQL of the locks, apart from the Camel service. */
    private static final class LockSql extends LedgerSql {

        LockSql(DataSource dataSource, LedgerInstance instance, Clock clock) {
            super(dataSource, instance, clock);
        }

        boolean take(String key) {
            Boolean taken = inTransaction(h -> {
                String lapsedOwner = lapsedOwner(h, key);
                if (update(h, "update intake_lock set lease_owner = ?, lease_until = ?, acquired_at = ? "
                        + "where lock_key = ? and lease_until < ?", instance.token(), leaseUntil(), now(), key,
                        now()) == 1) {
                    if (lapsedOwner != null) {
                        endLeasesOf(h, lapsedOwner);
                    }
                    return true;
                }
                return number(h, "select count(*) from intake_lock where lock_key = ?", key) > 0 ? false : null;
            });
            if (taken != null) {
                return taken;
            }
            try {
                // a transaction of its own: a failed insert spoils the transaction it runs in (PostgreSQL)
                inTransaction(h -> update(h, "insert into intake_lock (lock_key, lease_owner, lease_until, "
                        + "acquired_at) values (?,?,?,?)", key, instance.token(), leaseUntil(), now()));
                return true;
            } catch (LedgerUnavailableException e) {
                throw e;
            } catch (IllegalStateException insertRace) {
                // another instance inserted it between our read and our insert: it holds the file
                return false;
            }
        }

        /** The instance whose lock on this file ran out, if one did (not a lock merely lingering after a move). */
        private String lapsedOwner(Handle h, String key) {
            String owner = query(h, "select lease_owner from intake_lock where lock_key = ? and lease_until < ?",
                    key, now()).mapTo(String.class).findFirst().orElse(null);
            return owner == null || RELEASED.equals(owner) || owner.equals(instance.token()) ? null : owner;
        }

        /**
         * The heartbeat renews all of an instance's leases at once, so a lock of its that ran out means it stopped.
         * Its other leases end with it: those its last transitions set (a source settled but not yet moved, a chunk
         * just claimed) would otherwise outlive the lock by up to one heartbeat, and the file, taken now, would meet
         * its own earlier intake as live work elsewhere and go to duplicate/ unbilled.
         */
        private void endLeasesOf(Handle h, String owner) {
            update(h, "update source_file set lease_until = ? where lease_owner = ? and lease_until > ?", now(), owner,
                    now());
            update(h, "update delivery set lease_until = ? where claimed_by = ? and lease_until > ?", now(), owner,
                    now());
        }

        boolean heldLive(String key) {
            return inTransaction(h -> number(h, "select count(*) from intake_lock where lock_key = ? "
                    + "and lease_until >= ?", key, now()) > 0);
        }

        boolean release(String key) {
            return inTransaction(h -> update(h, "delete from intake_lock where lock_key = ? and lease_owner = ?",
                    key, instance.token()) == 1);
        }

        void releaseLater(String key) {
            inTransaction(h -> update(h, "update intake_lock set lease_owner = ?, lease_until = ? where lock_key = ? "
                    + "and lease_owner = ?", RELEASED, java.sql.Timestamp.from(clock.instant().plus(LINGER)), key,
                    instance.token()));
        }

        void releaseAllOfThisInstance() {
            inTransaction(h -> update(h, "delete from intake_lock where lease_owner = ?", instance.token()));
        }
    }
}
