package io.usagebridge.ledger;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Query;

/**
 * What every part of the ledger shares: transactions on Jdbi, the clock, the lease this instance holds its work
 * under, and source and delivery rows read by column name ({@link LedgerJdbi}).
 */
public abstract class LedgerSql {

    static final String DELIVERY_SELECT = "select * from delivery";
    static final String SOURCE_SELECT = "select * from source_file";

    protected final Jdbi jdbi;
    protected final LedgerInstance instance;
    protected final Clock clock;

    protected LedgerSql(DataSource dataSource, LedgerInstance instance, Clock clock) {
        this.jdbi = LedgerJdbi.on(dataSource);
        this.instance = instance;
        this.clock = clock;
    }

    public LedgerInstance instance() {
        return instance;
    }

    protected <T> T inTransaction(LedgerTransactions.Work<T> work) {
        return LedgerTransactions.inTransaction(jdbi, work);
    }

    protected Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /** When a lease taken now expires. */
    protected Timestamp leaseUntil() {
        return Timestamp.from(clock.instant().plus(instance.lease()));
    }

    protected static List<DeliveryRow> deliveries(Handle h, String where, Object... args) {
        return query(h, DELIVERY_SELECT + " where " + where + " order by id", args).mapTo(DeliveryRow.class).list();
    }

    protected static Optional<DeliveryRow> deliveryById(Handle h, long id) {
        return deliveries(h, "id = ?", id).stream().findFirst();
    }

    protected static List<SourceRow> sources(Handle h, String where, Object... args) {
        return query(h, SOURCE_SELECT + " where " + where + " order by id", args).mapTo(SourceRow.class).list();
    }

    protected static Optional<SourceRow> sourceById(Handle h, long id) {
        return sources(h, "id = ?", id).stream().findFirst();
    }

    /**
     * One fenced transition of a delivery: legal for the state machine, and the row is ours (held under our token)
     * or held by nobody. {@code set} adds assignments (starting with a comma) bound to {@code args}.
     */
    protected void moveDelivery(Handle h, DeliveryRow row, DeliveryState to, String set, Object... args) {
        if (!row.state().canMoveTo(to)) {
            throw new IllegalTransitionException(row.id(), row.state(), to);
        }
        boolean ours = instance.token().equals(row.claimedBy());
        if (row.claimedBy() != null && !ours) {
            throw new LeaseLostException("delivery " + row.id() + " is held by another instance now (" + row.state()
                    + "): this instance's lease ran out and the work was taken over");
        }
        List<Object> all = new ArrayList<>();
        all.add(to);
        all.add(now());
        all.addAll(List.of(args));
        all.add(row.id());
        all.add(row.state());
        String owner = ours ? "claimed_by = ?" : "claimed_by is null";
        if (ours) {
            all.add(instance.token());
        }
        if (update(h, "update delivery set state = ?, updated_at = ?" + set + " where id = ? and state = ? and "
                + owner, all.toArray()) != 1) {
            throw new LeaseLostException("delivery " + row.id() + " changed under this instance (" + row.state()
                    + " -> " + to + " refused)");
        }
    }

    /**
     * Takes due delivery rows under our lease: candidates are read (skipping rows another transaction holds), then
     * each is taken by a compare-and-set on its lease, so two instances never both take one row.
     */
    protected List<DeliveryRow> takeDue(String due, String order, int limit) {
        return inTransaction(h -> {
            List<Long> candidates = query(h, "select id from delivery where " + due + " and (lease_until is null "
                    + "or lease_until < ?) order by " + order + " fetch first " + limit
                    + " rows only for update skip locked", now(), now()).mapTo(Long.class).list();
            List<DeliveryRow> taken = new ArrayList<>();
            for (long id : candidates) {
                if (update(h, "update delivery set claimed_by = ?, lease_until = ? where id = ? and "
                        + "(lease_until is null or lease_until < ?)", instance.token(), leaseUntil(), id, now())
                        == 1) {
                    deliveryById(h, id).ifPresent(taken::add);
                }
            }
            return taken;
        });
    }

    /** A SELECT with its arguments bound in order. */
    protected static Query query(Handle h, String sql, Object... args) {
        return bind(h.createQuery(sql), args);
    }

    /** A count(*) or other single number. */
    protected static long number(Handle h, String sql, Object... args) {
        return query(h, sql, args).mapTo(Long.class).one();
    }

    /** Runs an UPDATE, INSERT or DELETE with bound arguments; returns the rows it changed. */
    protected static int update(Handle h, String sql, Object... args) {
        return bind(h.createUpdate(sql), args).execute();
    }

    /** Binds arguments in order; a null needs its type, so it is given as {@link Null}. */
    protected static <S extends SqlStatement<S>> S bind(S statement, Object... args) {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Null n) {
                statement.bindNull(i, n.sqlType());
            } else if (arg instanceof Enum<?> e) {
                statement.bind(i, e.name());
            } else {
                statement.bind(i, arg);
            }
        }
        return statement;
    }

    /** A typed SQL NULL for {@link #bind}. */
    protected record Null(int sqlType) {
        public static final Null STRING = new Null(Types.VARCHAR);
        public static final Null TIMESTAMP = new Null(Types.TIMESTAMP);
        public static final Null BIGINT = new Null(Types.BIGINT);
        public static final Null INTEGER = new Null(Types.INTEGER);
    }

    protected static Object orNull(String value) {
        return value == null ? Null.STRING : value;
    }

    protected static Object orNull(Long value) {
        return value == null ? Null.BIGINT : value;
    }

    protected static Object orNull(Integer value) {
        return value == null ? Null.INTEGER : value;
    }

    protected static Object orNull(Instant value) {
        return value == null ? Null.TIMESTAMP : value;
    }
}
