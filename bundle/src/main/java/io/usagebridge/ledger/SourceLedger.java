package io.usagebridge.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jdbi.v3.core.Handle;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * The ledger's source files: taken in under this instance's lease, settled from their deliveries, and their
 * originals' moves. A change to a leased source names the lease (fencing), so an instance whose lease was taken
 * over never settles or moves the new owner's file.
 */
public class SourceLedger extends LedgerSql {

    /**
     * The states a delivery still reads its chunk in, by name: "not in" the final ones would read every delivery the
     * ledger ever held; "in" these lets the state index read the few live ones.
     */
    private static final String NOT_FINAL = Arrays.stream(DeliveryState.values()).filter(s -> !s.finalState())
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    public SourceLedger(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
    }

    /** A file taken in by this instance: RECEIVED under our lease until it is settled. */
    public long recordSource(String name, String origin, String intakeRoute, Path workPath, Fingerprint fp) {
        return inTransaction(h -> bind(h.createUpdate("insert into source_file (name, origin, work_path, sha256, "
                + "md5, bytes, row_count, state, received_at, node_id, lease_owner, lease_until, intake_route) "
                + "values (?,?,?,?,?,?,?,?,?,?,?,?,?)"), name, origin,
                orNull(workPath == null ? null : workPath.toString()), fp.sha256(), fp.md5(), fp.bytes(), fp.rows(),
                SourceState.RECEIVED, now(), instance.label(), instance.token(), leaseUntil(), orNull(intakeRoute))
                .executeAndReturnGeneratedKeys()
                .map((rs, ctx) -> rs.getLong("id"))
                .one());
    }

    public void markSourceFailed(long sourceId, FailureCode code, String message) {
        inTransaction(h -> update(h, "update source_file set error_code = ?, error_message = ? where id = ?",
                code.name(), UsageBridgeFailure.cut(message, UsageBridgeFailure.MAX_MESSAGE_CHARS), sourceId));
    }

    /**
     * Decides a source file's outcome from the deliveries it holds: pending while a retry is parked or a target is
     * processing (the original waits in inflight/), uncertain while a send awaits resolution (it waits in
     * failed/), failed if it or a delivery failed, duplicate if it holds nothing, done otherwise. Records where the
     * original goes and releases the source's lease.
     */
    public SourceState settleSource(long sourceId, boolean failuresSeen, OriginalPlaces places) {
        return inTransaction(h -> {
            SourceRow source = sourceById(h, sourceId).orElseThrow();
            List<DeliveryRow> mine = deliveries(h, "source_id = ?", sourceId);
            SourceState outcome = outcomeOf(source, mine, failuresSeen);
            if (!outcome.waiting() && mine.stream().anyMatch(DeliveryRow::rowsRefusedRemotely)) {
                // a remote job already finished with refused rows: the waiting finaliser writes their file
                outcome = SourceState.PENDING;
            }
            Long duplicateOf = outcome == SourceState.DUPLICATE ? firstDeliveredWithSameContent(h, source) : null;
            // the lease stays until the intake's move is done (movedTo): a crash before it leaves the file to the
            // next intake, which takes this source over
            if (update(h, "update source_file set state = ?, duplicate_of = ?, finished_at = ?, kept_at = ?, "
                    + "done_dir = ?, failed_dir = ?, sidecar_dir = ?, moved = false, lease_until = ? "
                    + "where id = ? and state = ? and lease_owner = ?", outcome, orNull(duplicateOf),
                    outcome.waiting() ? Null.TIMESTAMP : now(), places.forOutcome(outcome), places.doneDir(),
                    places.failedDir(), places.sidecarDir(), leaseUntil(), sourceId, SourceState.RECEIVED,
                    instance.token()) != 1) {
                // our lease ran out and another instance took this file over: it is theirs to settle and move
                throw new LeaseLostException("source " + sourceId + " (" + source.name() + ") was taken over by "
                        + "another instance; this one leaves the file alone");
            }
            return outcome;
        });
    }

    /**
     * A source that is a part of a larger unit (an Insights batch's record type file, moved with its batch folder):
     * DONE or FAILED with the unit, its lease released.
     */
    public void settlePart(long sourceId, boolean failed) {
        inTransaction(h -> update(h, "update source_file set state = ?, finished_at = ?, moved = true, "
                + "lease_owner = null, lease_until = null where id = ? and state in ('RECEIVED', 'INTERRUPTED')",
                failed ? SourceState.FAILED : SourceState.DONE, now(), sourceId));
    }

    /** Takes an earlier source row of the same file back under our lease (a unit resumed), instead of a new row. */
    public boolean retakeSource(long sourceId, String sha256) {
        return inTransaction(h -> update(h, "update source_file set state = ?, lease_owner = ?, lease_until = ?, "
                + "finished_at = null where id = ? and sha256 = ? and state in ('RECEIVED', 'INTERRUPTED') and "
                + "(lease_owner is null or lease_owner = ? or lease_until < ?)", SourceState.RECEIVED,
                instance.token(), leaseUntil(), sourceId, sha256, instance.token(), now()) == 1);
    }

    /**
     * The intake's move of a settled source's original is over: done (the original is where the ledger says), or not
     * (the exchange rolled back: the file stays in the inbox and its next intake takes this source over). Either
     * way the source's lease goes.
     */
    public void movedTo(long sourceId, boolean moved) {
        inTransaction(h -> update(h, "update source_file set moved = ?, lease_owner = null, lease_until = null "
                + "where id = ? and lease_owner = ?", moved, sourceId, instance.token()));
    }

    /** What a source's deliveries make of it now. */
    static SourceState outcomeOf(SourceRow source, List<DeliveryRow> mine, boolean failuresSeen) {
        if (mine.stream().anyMatch(d -> !d.state().settled())) {
            return SourceState.PENDING;
        }
        if (mine.stream().anyMatch(d -> d.state() == DeliveryState.UNCERTAIN)) {
            return SourceState.UNCERTAIN;
        }
        if (failuresSeen || source.errorCode() != null
                || mine.stream().anyMatch(d -> d.state() != DeliveryState.ACCEPTED)) {
            return SourceState.FAILED;
        }
        if (mine.isEmpty()) {
            return SourceState.DUPLICATE;
        }
        return mine.stream().anyMatch(DeliveryRow::rowsRefusedRemotely) ? SourceState.DONE_WITH_REJECTS
                : SourceState.DONE;
    }

    /** Sources whose original waits for their deliveries (in inflight/ or failed/): the sweep looks at them. */
    public List<SourceRow> waitingSources(int limit) {
        return inTransaction(h -> {
            List<SourceRow> rows = sources(h, "state in ('PENDING', 'UNCERTAIN') and moved = true and "
                    + "(lease_until is null or lease_until < ?)", now());
            return rows.size() > limit ? rows.subList(0, limit) : rows;
        });
    }

    /**
     * Waiting sources whose original's move was not recorded, held by no one: the intake's move may still have been
     * made (the process stopped between the move and its record), or it was rolled back (the file is still in the
     * inbox). The caller looks where the original is.
     */
    public List<SourceRow> unrecordedMoves(int limit) {
        return inTransaction(h -> {
            List<SourceRow> rows = sources(h, "state in ('PENDING', 'UNCERTAIN') and moved = false and "
                    + "(lease_until is null or lease_until < ?)", now());
            return rows.size() > limit ? rows.subList(0, limit) : rows;
        });
    }

    /** Records that an unrecorded move was made after all: the original is at kept_at. */
    public boolean recordMadeMove(long sourceId) {
        return inTransaction(h -> update(h, "update source_file set moved = true, lease_owner = null, "
                + "lease_until = null where id = ? and moved = false and state in ('PENDING', 'UNCERTAIN') and "
                + "(lease_until is null or lease_until < ?)", sourceId, now()) == 1);
    }

    /** Takes a waiting source for this instance to move its original; false when another instance has it. */
    public boolean takeWaitingSource(long sourceId) {
        return inTransaction(h -> update(h, "update source_file set lease_owner = ?, lease_until = ? where id = ? "
                + "and state in ('PENDING', 'UNCERTAIN') and moved = true and (lease_until is null or lease_until < ?)",
                instance.token(), leaseUntil(), sourceId, now()) == 1);
    }

    /** The outcome a waiting source has now, from its deliveries (its own recorded failure included). */
    public SourceState currentOutcome(long sourceId) {
        return inTransaction(h -> outcomeOf(sourceById(h, sourceId).orElseThrow(),
                deliveries(h, "source_id = ?", sourceId), false));
    }

    /** A waiting source's original was moved to {@code keptAt}: its new state, and our lease released. */
    public void moveWaitingSource(long sourceId, SourceState state, String keptAt) {
        moveWaitingSource(sourceId, state, keptAt, null, null);
    }

    /** As {@link #moveWaitingSource(long, SourceState, String)}, with the rows targets refused and their file. */
    public void moveWaitingSource(long sourceId, SourceState state, String keptAt, Long rowsRejected,
                                  String rejectedPath) {
        inTransaction(h -> {
            int changed = update(h, "update source_file set state = ?, kept_at = ?, finished_at = ?, moved = true, "
                    + "rows_rejected = ?, rejected_path = ?, lease_owner = null, lease_until = null "
                    + "where id = ? and lease_owner = ?", state, keptAt,
                    state.waiting() ? Null.TIMESTAMP : now(), orNull(rowsRejected), orNull(rejectedPath), sourceId,
                    instance.token());
            if (changed != 1) {
                throw new LeaseLostException("source " + sourceId + " was taken over while its original was moved");
            }
            return null;
        });
    }

    /** Gives a waiting source back without a move (nothing changed, or the move must wait). */
    public void releaseWaitingSource(long sourceId) {
        inTransaction(h -> update(h, "update source_file set lease_owner = null, lease_until = null where id = ? "
                + "and lease_owner = ?", sourceId, instance.token()));
    }

    private static Long firstDeliveredWithSameContent(Handle h, SourceRow source) {
        return query(h, "select min(source_id) from delivery where content_sha256 = ? and state = ? "
                + "and source_id <> ?", source.sha256(), DeliveryState.ACCEPTED, source.id())
                .mapTo(Long.class).findOne().orElse(null);
    }

    public Optional<SourceRow> source(long id) {
        return inTransaction(h -> sourceById(h, id));
    }

    public List<SourceRow> sourcesNamed(String name) {
        return inTransaction(h -> sources(h, "name = ?", name));
    }

    /** True while a non-final delivery still reads a chunk below {@code workDir}: the folder must stay. */
    public boolean workDirInUse(Path workDir) {
        String prefix = workDir.toAbsolutePath() + java.io.File.separator;
        return inTransaction(h -> number(h, "select count(*) from delivery where state in " + NOT_FINAL
                + " and chunk_path like ? escape '!'", LedgerPatterns.prefix(prefix)) > 0);
    }
}
