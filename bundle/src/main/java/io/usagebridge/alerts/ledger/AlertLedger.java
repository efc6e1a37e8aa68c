package io.usagebridge.alerts.ledger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * instances (or two scans) find the same condition. Sending is a unit of work like a delivery: due alerts are taken
 * under this instance's lease (a dead instance's claim runs out and any instance takes it), and every transition
 * names the token it holds.
 */
public class AlertLedger extends LedgerSql {

    /** The table, for the lease heartbeat and the start-up takeover ({@code LeaseLedger}). */
    public static final String TABLE = "alert";

    private static final String UNIQUE_VIOLATION = "23505";

    public AlertLedger(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
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

    public Optional<SourceRow> source(long sourceId) {
        return inTransaction(h -> sourceById(h, sourceId));
    }

    /** The deliveries of a source, by id. */
    public List<DeliveryRow> deliveriesOf(long sourceId) {
        return inTransaction(h -> deliveries(h, "source_id = ?", sourceId));
    }

    /**
     * Raises an alert, due now, unless one of this kind and subject exists: returns it when this call raised it.
     * The body is made once its id is known ({@code payload} of the id). Two instances raising the same alert at
     * once: the unique constraint lets one through, the other gets empty.
     */
    public Optional<AlertRow> raise(AlertKind kind, String subject, Long sourceId, Long deliveryId,
                                    LongFunction<String> payload) {
        try {
            return inTransaction(h -> {
                if (number(h, "select count(*) from alert where kind = ? and subject = ?", kind.wireName(), subject)
                        > 0) {
                    return Optional.<AlertRow>empty();
                }
                long id = bind(h.createUpdate("insert into alert (kind, subject, source_id, delivery_id, payload, "
                        + "state, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, '{}', ?, 0, ?, ?)"),
                        kind.wireName(), subject, orNull(sourceId), orNull(deliveryId), AlertState.PENDING, now(),
                        now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                update(h, "update alert set payload = ? where id = ?", payload.apply(id), id);
                return alertById(h, id);
            });
        } catch (IllegalStateException e) {
            if (uniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Pending alerts whose time has come, each taken under this instance's lease (a compare-and-set on it). */
    public List<AlertRow> takeDue(int limit) {
        return inTransaction(h -> {
            List<Long> candidates = query(h, "select id from alert where state = ? and next_attempt_at <= ? and "
                    + "(lease_until is null or lease_until < ?) order by next_attempt_at, id fetch first " + limit
                    + " rows only for update skip locked", AlertState.PENDING, now(), now()).mapTo(Long.class).list();
            List<AlertRow> taken = new ArrayList<>();
            for (long id : candidates) {
                if (update(h, "update alert set claimed_by = ?, lease_until = ? where id = ? and state = ? and "
                        + "(lease_until is null or lease_until < ?)", instance.token(), leaseUntil(), id,
                        AlertState.PENDING, now()) == 1) {
                    alertById(h, id).ifPresent(taken::add);
                }
            }
            return taken;
        });
    }

    /** The receiver took it. False when the alert was not ours any more (the lease ran out and was taken over). */
    public boolean markSent(long alertId) {
        return inTransaction(h -> update(h, "update alert set state = ?, attempts = attempts + 1, sent_at = ?, "
                + "last_error = null, claimed_by = null, lease_until = null where id = ? and state = ? and "
                + "claimed_by = ?", AlertState.SENT, now(), alertId, AlertState.PENDING, instance.token()) == 1);
    }

    /** Waiting as data: the next attempt at {@code next}, the lease released. */
    public boolean retryAt(long alertId, Instant next, String error) {
        return inTransaction(h -> update(h, "update alert set attempts = attempts + 1, next_attempt_at = ?, "
                + "last_error = ?, claimed_by = null, lease_until = null where id = ? and state = ? and "
                + "claimed_by = ?", next, cut(error), alertId, AlertState.PENDING, instance.token()) == 1);
    }

    /** No further attempt: the receiver refused it for good, or the attempts are spent. */
    public boolean giveUp(long alertId, String error) {
        return inTransaction(h -> update(h, "update alert set state = ?, attempts = attempts + 1, last_error = ?, "
                + "claimed_by = null, lease_until = null where id = ? and state = ? and claimed_by = ?",
                AlertState.GAVE_UP, cut(error), alertId, AlertState.PENDING, instance.token()) == 1);
    }

    public Optional<AlertRow> alert(long alertId) {
        return inTransaction(h -> alertById(h, alertId));
    }

    /** Every alert, oldest first (tests, support). */
    public List<AlertRow> alerts() {
        return inTransaction(h -> query(h, "select * from alert order by id").mapTo(AlertRow.class).list());
    }

    public long count(AlertState state) {
        return inTransaction(h -> number(h, "select count(*) from alert where state = ?", state));
    }

    /** Pending alerts that failed at least once: the receiver is not taking them. */
    public long countFailing() {
        return inTransaction(h -> number(h, "select count(*) from alert where state = ? and attempts > 0",
                AlertState.PENDING));
    }

    private static Optional<AlertRow> alertById(org.jdbi.v3.core.Handle h, long id) {
        return query(h, "select * from alert where id = ?", id).mapTo(AlertRow.class).findFirst();
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
