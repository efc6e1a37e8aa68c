package io.usagebridge.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * How an UNCERTAIN delivery is left, and only this way: an operator says it was delivered (no send) or asks for a
 * deliberate second send; or a lookup at the target found the request (its job is then followed) or proved it never
 * arrived. Every resolution is recorded with who and when, on the delivery and in ledger_action.
 */
public class Resolutions extends LedgerSql {

    /** How a delivery left UNCERTAIN. */
    public enum Resolution {
        /** An operator checked the target: it arrived. Closed as ACCEPTED, nothing sent. */
        DELIVERED,
        /** An operator asked for a second send: parked, due now, under a new key generation. */
        RESEND,
        /** A lookup at the target found what was sent: its job is followed (POLLING). */
        FOUND_AT_TARGET,
        /** A lookup at the target proved it never arrived: sent again, due now. */
        NOT_AT_TARGET
    }

    public Resolutions(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
        jdbi.registerRowMapper(ConstructorMapper.factory(Action.class));
    }

    /** The deliveries that wait for a resolution, oldest first. */
    public List<DeliveryRow> uncertain() {
        return inTransaction(h -> deliveries(h, "state = ?", DeliveryState.UNCERTAIN));
    }

    /**
     * An operator's resolution (DELIVERED or RESEND) of an UNCERTAIN delivery, recorded with {@code actor}.
     *
     * @throws IllegalTransitionException when the delivery is not UNCERTAIN (nothing to resolve, or resolved already)
     */
    public DeliveryRow resolve(long deliveryId, Resolution resolution, String actor, String note) {
        if (resolution != Resolution.DELIVERED && resolution != Resolution.RESEND) {
            throw new IllegalArgumentException("an operator resolves as DELIVERED or RESEND");
        }
        return inTransaction(h -> {
            DeliveryRow row = deliveryById(h, deliveryId).orElseThrow(() ->
                    new IllegalTransitionException("no delivery " + deliveryId));
            if (row.state() != DeliveryState.UNCERTAIN) {
                throw new IllegalTransitionException("delivery " + deliveryId + " is " + row.state()
                        + ", not UNCERTAIN: there is nothing to resolve");
            }
            int changed = resolution == Resolution.DELIVERED
                    ? update(h, "update delivery set state = ?, resolution = ?, resolved_by = ?, resolved_at = ?, "
                            + "remote_status = coalesce(remote_status, 'resolved as delivered'), "
                            + "claimed_by = null, lease_until = null, updated_at = ? where id = ? and state = ?",
                            DeliveryState.ACCEPTED, resolution, actor, now(), now(), deliveryId,
                            DeliveryState.UNCERTAIN)
                    : resendNow(h, row, resolution, actor);
            if (changed != 1) {
                throw new IllegalTransitionException("delivery " + deliveryId + " changed while being resolved");
            }
            record(h, "resolve-" + resolution.name().toLowerCase(java.util.Locale.ROOT), row, actor, note);
            return deliveryById(h, deliveryId).orElseThrow();
        });
    }

    private int resendNow(Handle h, DeliveryRow row, Resolution resolution, String actor) {
        return update(h, "update delivery set state = ?, resolution = ?, resolved_by = ?, resolved_at = ?, "
                + "next_attempt_at = ?, key_generation = key_generation + 1, claimed_by = null, lease_until = null, "
                + "updated_at = ? where id = ? and state = ?", DeliveryState.PARKED, resolution, actor, now(), now(),
                now(), row.id(), DeliveryState.UNCERTAIN);
    }

    /**
     * Uncertain deliveries of these targets due for a lookup at their target, taken under this instance's lease. A
     * send is looked up only once {@code settle} has passed since it began, so a request the target was still
     * processing when its answer was lost has landed by then.
     */
    public List<DeliveryRow> takeDueLookups(java.util.Set<String> targets, int maxLookups, Duration settle,
                                            int limit) {
        if (targets.isEmpty()) {
            return List.of();
        }
        return inTransaction(h -> {
            List<DeliveryRow> taken = new ArrayList<>();
            String in = String.join(",", targets.stream().map(t -> "?").toList());
            List<Object> args = new ArrayList<>(List.of(DeliveryState.UNCERTAIN, maxLookups, now(), now(),
                    clock.instant().minus(settle)));
            args.addAll(targets);
            for (DeliveryRow row : deliveries(h, "state = ? and lookups < ? and (next_attempt_at is null or "
                    + "next_attempt_at <= ?) and (lease_until is null or lease_until < ?) and uncertain_since <= ? "
                    + "and sent_name is not null and target in (" + in + ")", args.toArray())) {
                if (taken.size() >= limit) {
                    break;
                }
                if (update(h, "update delivery set claimed_by = ?, lease_until = ? where id = ? and state = ? "
                        + "and (lease_until is null or lease_until < ?)", instance.token(), leaseUntil(), row.id(),
                        DeliveryState.UNCERTAIN, now()) == 1) {
                    taken.add(row);
                }
            }
            return taken;
        });
    }

    /** The target has the request: follow its job from here (POLLING), as if create() had answered. */
    public void foundAtTarget(long deliveryId, String remoteId, String detail, Instant firstPoll, Instant deadline) {
        inTransaction(h -> {
            DeliveryRow row = deliveryById(h, deliveryId).orElseThrow();
            if (update(h, "update delivery set state = ?, remote_id = ?, remote_response = ?, next_poll_at = ?, "
                    + "poll_deadline = ?, lookups = lookups + 1, resolution = ?, resolved_by = ?, resolved_at = ?, "
                    + "claimed_by = null, lease_until = null, updated_at = ? where id = ? and state = ? "
                    + "and claimed_by = ?", DeliveryState.POLLING, remoteId, orNull(detail), firstPoll, deadline,
                    Resolution.FOUND_AT_TARGET, "lookup:" + instance.label(), now(), now(), deliveryId,
                    DeliveryState.UNCERTAIN, instance.token()) != 1) {
                throw new LeaseLostException("delivery " + deliveryId + " changed during its lookup");
            }
            record(h, "lookup-found", row, "lookup:" + instance.label(), "remote id " + remoteId);
            return null;
        });
    }

    /** The target proved the request never arrived: it is sent again, due now (a send, not a repeat). */
    public void notAtTarget(long deliveryId, String detail) {
        inTransaction(h -> {
            DeliveryRow row = deliveryById(h, deliveryId).orElseThrow();
            if (update(h, "update delivery set state = ?, next_attempt_at = ?, lookups = lookups + 1, "
                    + "resolution = ?, resolved_by = ?, resolved_at = ?, claimed_by = null, lease_until = null, "
                    + "updated_at = ? where id = ? and state = ? and claimed_by = ?", DeliveryState.PARKED, now(),
                    Resolution.NOT_AT_TARGET, "lookup:" + instance.label(), now(), now(), deliveryId,
                    DeliveryState.UNCERTAIN, instance.token()) != 1) {
                throw new LeaseLostException("delivery " + deliveryId + " changed during its lookup");
            }
            record(h, "lookup-not-found", row, "lookup:" + instance.label(), detail);
            return null;
        });
    }

    /** The lookup could not tell (the target failed to answer): ask again later, stay UNCERTAIN. */
    public void lookupAgain(long deliveryId, Duration after) {
        inTransaction(h -> update(h, "update delivery set lookups = lookups + 1, next_attempt_at = ?, "
                + "claimed_by = null, lease_until = null where id = ? and state = ? and claimed_by = ?",
                clock.instant().plus(after), deliveryId, DeliveryState.UNCERTAIN, instance.token()));
    }

    /** Operator actions on a delivery, oldest first. */
    public List<Action> actionsOn(long deliveryId) {
        return inTransaction(h -> query(h, "select * from ledger_action where delivery_id = ? order by id",
                deliveryId).mapTo(Action.class).list());
    }

    /** One recorded action. */
    public record Action(String action, long deliveryId, String actor, String detail, Instant at) {
    }

    private void record(Handle h, String action, DeliveryRow row, String actor, String detail) {
        update(h, "insert into ledger_action (action, delivery_id, source_id, actor, detail, at) values "
                + "(?,?,?,?,?,?)", action, row.id(), row.sourceId(), actor,
                orNull(io.usagebridge.failure.UsageBridgeFailure.cut(detail,
                        io.usagebridge.failure.UsageBridgeFailure.MAX_MESSAGE_CHARS)), now());
    }
}
