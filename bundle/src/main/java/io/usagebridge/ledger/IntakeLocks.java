package io.usagebridge.ledger;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The file consumers' read lock across instances (see {@code intake.LedgerReadLock}), kept in the ledger: one
 * instance at a time takes an inbox file. A lock is a lease like every other unit of work: the heartbeat renews it
 * while the file is processed; when its instance dies it runs out and any instance takes the file. The lock goes
 * when the file has been moved (commit) or processing failed (rollback: the file stays and is taken again).
 */
public class IntakeLocks extends ServiceSupport implements IdempotentRepository {

    private final Ledger ledger;

    public IntakeLocks(DataSource dataSource, LedgerInstance instance, Clock clock) {
        this.ledger = new Ledger(dataSource, instance, clock);
    }

    /** Takes the lock: new, or taken over from an instance whose lease ran out. */
    @Override
    public boolean add(String key) {
        return ledger.take(key);
    }

    @Override
    public boolean contains(String key) {
        return ledger.heldLive(key);
    }

    @Override
    public boolean remove(String key) {
        return ledger.release(key);
    }

    /** The file was moved away: nothing to keep (a file of the same name arriving later is a new file). */
    @Override
    public boolean confirm(String key) {
        return ledger.release(key);
    }

    @Override
    public void clear() {
        ledger.releaseAllOfThisInstance();
    }

    /** Released, but held a few more seconds by nobody: a listing taken before the file moved cannot take it. */
    public void releaseLater(String key) {
        ledger.releaseLater(key);
    }

    private static final java.time.Duration LINGER = java.time.Duration.ofSeconds(5);

    /** The SQL of the locks, apart from the Camel service. */
    private static final class Ledger extends LedgerSql {

        Ledger(DataSource dataSource, LedgerInstance instance, Clock clock) {
            super(dataSource, instance, clock);
        }

        boolean take(String key) {
            Boolean taken = inTransaction(c -> {
                if (update(c, "update intake_lock set lease_owner = ?, lease_until = ?, acquired_at = ? "
                        + "where lock_key = ? and lease_until < ?", instance.token(), leaseUntil(), now(), key,
                        now()) == 1) {
                    return true;
                }
                try (var ps = c.prepareStatement("select count(*) from intake_lock where lock_key = ?")) {
                    bind(ps, key);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1) > 0 ? false : null;
                    }
                }
            });
            if (taken != null) {
                return taken;
            }
            try {
                // a transaction of its own: a failed insert spoils the transaction it runs in (PostgreSQL)
                inTransaction(c -> update(c, "insert into intake_lock (lock_key, lease_owner, lease_until, "
                        + "acquired_at) values (?,?,?,?)", key, instance.token(), leaseUntil(), now()));
                return true;
            } catch (LedgerUnavailableException e) {
                throw e;
            } catch (IllegalStateException insertRace) {
                // another instance inserted it between our read and our insert: it holds the file
                return false;
            }
        }

        boolean heldLive(String key) {
            return inTransaction(c -> {
                try (var ps = c.prepareStatement("select count(*) from intake_lock where lock_key = ? "
                        + "and lease_until >= ?")) {
                    bind(ps, key, now());
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1) > 0;
                    }
                }
            });
        }

        boolean release(String key) {
            return inTransaction(c -> update(c, "delete from intake_lock where lock_key = ? and lease_owner = ?",
                    key, instance.token()) == 1);
        }

        void releaseLater(String key) {
            inTransaction(c -> update(c, "update intake_lock set lease_owner = ?, lease_until = ? where lock_key = ? "
                    + "and lease_owner = ?", "released", java.sql.Timestamp.from(clock.instant().plus(LINGER)), key,
                    instance.token()));
        }

        void releaseAllOfThisInstance() {
            inTransaction(c -> update(c, "delete from intake_lock where lease_owner = ?", instance.token()));
        }
    }
}
