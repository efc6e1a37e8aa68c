package io.usagebridge.alerts.ledger;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;

import javax.sql.DataSource;

import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.LedgerInstance;
import io.usagebridge.ledger.LedgerSql;
import io.usagebridge.ledger.SourceRow;

/**
 * The alerts in the ledger. An alert is raised once per (kind, subject): the unique constraint decides when two
 * instances (or two scans) find the same condition. Each channel's sending of it ({@code alert_send}) is a unit of
 * work like a delivery: due sends are taken under this instance's lease (a dead instance's claim runs out and any
 * instance takes it), and every transition names the token it holds.
 */
public class AlertLedger extends LedgerSql {

    /** The table, for the lease heartbeat and the start-up takeover ({@code LeaseLedger}). */
    public static final String TABLE = "alert_send";

    private static final String UNIQUE_VIOLATION = "23505";
    /** An alert with one channel's sending of it. */
    private static final String ROW_SELECT = "select a.*, s.channel, s.state, s.attempts, s.next_attempt_at, "
            + "s.claimed_by, s.lease_until, s.last_error, s.sent_at from alert a join alert_send s on s.alert_id = a.id";

    private final Set<AlertChannel> channels;

    /** {@code channels}: where the alerts this instance raises are to be sent (none: recorded, counted, not sent). */
    public AlertLedger(DataSource dataSource, LedgerInstance instance, Clock clock, Set<AlertChannel> channels) {
        super(dataSource, instance, clock);
        this.channels = channels.isEmpty() ? Set.of() : EnumSet.copyOf(channels);
        jdbi.registerRowMapper(ConstructorMapper.factory(AlertRow.class));
    }

    /** The subject of an alert about a delivery's current attempt: a later episode of the delivery is a new alert. */
    public static String deliverySubject(DeliveryRow delivery) {
        return "delivery:" + delivery.id() + ":" + delivery.attempts();
    }

    public static String sourceSubject(long sourceId) {
        return "source:" + sourceId;
    }

    /** Sources that ended FAILED since {@code since} (their original moved) and have no file-failed alert yet. */
    public List<SourceRow> failedSourcesNotAlerted(Instant since, int limit) {
        return inTransaction(h -> query(h, "select * from source_file s where s.state = 'FAILED' and s.moved = true "
                + "and s.finished_at >= ? and not exists (select 1 from alert a where a.source_id = s.id and "
                + "a.kind = ?) order by s.id fetch first " + limit + " rows only", since,
                AlertKind.FILE_FAILED.wireName()).mapTo(SourceRow.class).list());
    }

    /** Deliveries UNCERTAIN now whose current episode has no alert yet. */
    public List<DeliveryRow> uncertainNotAlerted(int limit) {
        return deliveriesNotAlerted(AlertKind.DELIVERY_UNCERTAIN, "d.state = 'UNCERTAIN'", limit);
    }

    /** Deliveries a target finished (since {@code since}) with rows it refused, not alerted yet. */
    public List<DeliveryRow> rowsRejectedNotAlerted(Instant since, int limit) {
        return deliveriesNotAlerted(AlertKind.ROWS_REJECTED, "d.remote_failed > 0 and d.state in ('ACCEPTED', "
                + "'REJECTED', 'FAILED') and d.updated_at >= ?", limit, since);
    }

    private List<DeliveryRow> deliveriesNotAlerted(AlertKind kind, String where, int limit, Object... args) {
        List<Object> all = new ArrayList<>(List.of(args));
        all.add(kind.wireName());
        return inTransaction(h -> query(h, "select * from delivery d where " + where + " and not exists (select 1 "
                + "from alert a where a.kind = ? and a.delivery_id = d.id and a.subject = concat('delivery:', d.id, "
                + "':', d.attempts)) order by d.id fetch first " + limit + " rows only", all.toArray())
                .mapTo(DeliveryRow.class).list());
    }

    /**
     * Whether a file whose name is like {@code nameLike} (SQL LIKE, escaped with a backslash) was received from
     * {@code source} (an intake's route id or its endpoint, e.g. {@code file://data/inbox}; null: any) at or after
     * {@code from} and before {@code to}, whatever became of it.
     */
    public boolean arrived(String source, String nameLike, Instant from, Instant to) {
        String where = "name like ? escape '\\' and received_at >= ? and received_at < ?";
        List<Object> args = new ArrayList<>(List.of(nameLike, Timestamp.from(from), Timestamp.from(to)));
        if (source != null) {
            where += " and (intake_route = ? or origin = ? or origin = ?)";
            args.addAll(List.of(source, source, "file://" + source));
        }
        String sql = "select count(*) from source_file where " + where;
        return inTransaction(h -> number(h, sql, args.toArray()) > 0);
    }

    public Optional<SourceRow> source(long sourceId) {
        return inTransaction(h -> sourceById(h, sourceId));
    }

    /** The deliveries of a source, by id. */
    public List<DeliveryRow> deliveriesOf(long sourceId) {
        return inTransaction(h -> deliveries(h, "source_id = ?", sourceId));
    }

    /**
     * Raises an alert, due now on each of this ledger's channels, unless one of this kind and subject exists: returns
     * its id when this call raised it. The body is made once the id is known ({@code payload} of the id). Two
     * instances raising the same alert at once: the unique constraint lets one through, the other gets empty.
     */
    public OptionalLong raise(AlertKind kind, String subject, Long sourceId, Long deliveryId,
                              LongFunction<String> payload) {
        try {
            return inTransaction(h -> {
                if (number(h, "select count(*) from alert where kind = ? and subject = ?", kind.wireName(), subject)
                        > 0) {
                    return OptionalLong.empty();
                }
                long id = bind(h.createUpdate("insert into alert (kind, subject, source_id, delivery_id, payload, "
                        + "created_at) values (?, ?, ?, ?, ?, ?)"), kind.wireName(), subject, orNull(sourceId),
                        orNull(deliveryId), "{}", now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                update(h, "update alert set payload = ? where id = ?", payload.apply(id), id);
                for (AlertChannel channel : channels) {
                    update(h, "insert into alert_send (alert_id, channel, state, attempts, next_attempt_at) values "
                            + "(?, ?, ?, 0, ?)", id, channel, AlertState.PENDING, now());
                }
                return OptionalLong.of(id);
            });
        } catch (IllegalStateException e) {
            if (uniqueViolation(e)) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /**
     * Pending alerts of one channel whose time has come, each taken under this instance's lease (a compare-and-set
     * on it).
     */
    public List<AlertRow> takeDue(AlertChannel channel, int limit) {
        return inTransaction(h -> {
            List<Long> candidates = query(h, "select alert_id from alert_send where channel = ? and state = ? and "
                    + "next_attempt_at <= ? and (lease_until is null or lease_until < ?) order by next_attempt_at, "
                    + "alert_id fetch first " + limit + " rows only for update skip locked", channel,
                    AlertState.PENDING, now(), now()).mapTo(Long.class).list();
            List<AlertRow> taken = new ArrayList<>();
            for (long id : candidates) {
                if (update(h, "update alert_send set claimed_by = ?, lease_until = ? where alert_id = ? and "
                        + "channel = ? and state = ? and (lease_until is null or lease_until < ?)", instance.token(),
                        leaseUntil(), id, channel, AlertState.PENDING, now()) == 1) {
                    alertById(h, channel, id).ifPresent(taken::add);
                }
            }
            return taken;
        });
    }

    /** The channel's receiver took it. False when it was not ours any more (the lease ran out and was taken over). */
    public boolean markSent(AlertRow alert) {
        return transition(alert, "state = ?, attempts = attempts + 1, sent_at = ?, last_error = null",
                AlertState.SENT, now());
    }

    /** Waiting as data: the next attempt at {@code next}, the lease released. */
    public boolean retryAt(AlertRow alert, Instant next, String error) {
        return transition(alert, "attempts = attempts + 1, next_attempt_at = ?, last_error = ?", next, cut(error));
    }

    /** No further attempt on this channel: its receiver refused it for good, or the attempts are spent. */
    public boolean giveUp(AlertRow alert, String error) {
        return transition(alert, "state = ?, attempts = attempts + 1, last_error = ?", AlertState.GAVE_UP,
                cut(error));
    }

    /** One fenced change of a channel's send: only while it is pending and held under this instance's token. */
    private boolean transition(AlertRow alert, String set, Object... args) {
        List<Object> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(alert.id(), alert.channel(), AlertState.PENDING, instance.token()));
        return inTransaction(h -> update(h, "update alert_send set " + set + ", claimed_by = null, lease_until = "
                + "null where alert_id = ? and channel = ? and state = ? and claimed_by = ?", all.toArray()) == 1);
    }

    public Optional<AlertRow> alert(AlertChannel channel, long alertId) {
        return inTransaction(h -> alertById(h, channel, alertId));
    }

    /** Every alert on every channel, oldest first (tests, support). */
    public List<AlertRow> alerts() {
        return inTransaction(h -> query(h, ROW_SELECT + " order by a.id, s.channel").mapTo(AlertRow.class).list());
    }

    /** The subjects of one kind's alerts, oldest first, whatever their channels (tests, support). */
    public List<String> subjects(AlertKind kind) {
        return inTransaction(h -> query(h, "select subject from alert where kind = ? order by id", kind.wireName())
                .mapTo(String.class).list());
    }

    /** Sends in this state, on every channel. */
    public long count(AlertState state) {
        return inTransaction(h -> number(h, "select count(*) from alert_send where state = ?", state));
    }

    /** Pending sends that failed at least once: a channel's receiver is not taking them. */
    public long countFailing() {
        return inTransaction(h -> number(h, "select count(*) from alert_send where state = ? and attempts > 0",
                AlertState.PENDING));
    }

    private static Optional<AlertRow> alertById(org.jdbi.v3.core.Handle h, AlertChannel channel, long id) {
        return query(h, ROW_SELECT + " where a.id = ? and s.channel = ?", id, channel).mapTo(AlertRow.class)
                .findFirst();
    }

    private static Object cut(String error) {
        return orNull(UsageBridgeFailure.cut(error, UsageBridgeFailure.MAX_MESSAGE_CHARS));
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
