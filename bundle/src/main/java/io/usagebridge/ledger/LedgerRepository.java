package io.usagebridge.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * The ledger of source files and deliveries. Each state change is one transaction whose UPDATE names the state it
 * leaves and, for work held under a lease, the token of this instance (fencing): an instance whose lease ran out
 * and was taken over can never overwrite the new owner's work.
 */
public class LedgerRepository extends LedgerSql {

    public LedgerRepository(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
    }

    // --- source files -------------------------------------------------------------------------------------

    /** A file taken in by this instance: RECEIVED under our lease until it is settled. */
    public long recordSource(String name, String origin, String intakeRoute, Path workPath, Fingerprint fp) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into source_file (name, origin, work_path, "
                    + "sha256, md5, bytes, row_count, state, received_at, node_id, lease_owner, lease_until, "
                    + "intake_route) values (?,?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                bind(ps, name, origin, orNull(workPath == null ? null : workPath.toString()), fp.sha256(), fp.md5(),
                        fp.bytes(), fp.rows(), SourceState.RECEIVED, now(), instance.label(), instance.token(),
                        leaseUntil(), orNull(intakeRoute));
                ps.executeUpdate();
                return generatedId(ps);
            }
        });
    }

    public void markSourceFailed(long sourceId, FailureCode code, String message) {
        inTransaction(c -> update(c, "update source_file set error_code = ?, error_message = ? where id = ?",
                code, UsageBridgeFailure.cut(message, UsageBridgeFailure.MAX_MESSAGE_CHARS), sourceId));
    }

    /** Where the original of a source goes for each outcome, decided by the intake before settling. */
    public record Places(String doneTo, String failedTo, String duplicateTo, String inflightTo, String doneDir,
                         String failedDir, String sidecarDir) {

        public String forOutcome(SourceState outcome) {
            return switch (outcome) {
                case DONE -> doneTo;
                case DUPLICATE -> duplicateTo;
                case PENDING -> inflightTo;
                default -> failedTo;
            };
        }
    }

    /**
     * Decides a source file's outcome from the deliveries it holds: pending while a retry is parked or a target is
     * processing (the original waits in inflight/), uncertain while a send awaits resolution (it waits in
     * failed/), failed if it or a delivery failed, duplicate if it holds nothing, done otherwise. Records where the
     * original goes and releases the source's lease.
     */
    public SourceState settleSource(long sourceId, boolean failuresSeen, Places places) {
        return inTransaction(c -> {
            SourceRow source = sourceById(c, sourceId).orElseThrow();
            List<DeliveryRow> mine = deliveries(c, "source_id = ?", sourceId);
            SourceState outcome = outcomeOf(source, mine, failuresSeen);
            Long duplicateOf = outcome == SourceState.DUPLICATE ? firstDeliveredWithSameContent(c, source) : null;
            // the lease stays until the intake's move is done (movedTo): a crash before it leaves the file to the
            // next intake, which takes this source over
            if (update(c, "update source_file set state = ?, duplicate_of = ?, finished_at = ?, kept_at = ?, "
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
        inTransaction(c -> update(c, "update source_file set state = ?, finished_at = ?, moved = true, "
                + "lease_owner = null, lease_until = null where id = ? and state in ('RECEIVED', 'INTERRUPTED')",
                failed ? SourceState.FAILED : SourceState.DONE, now(), sourceId));
    }

    /** Takes an earlier source row of the same file back under our lease (a unit resumed), instead of a new row. */
    public boolean retakeSource(long sourceId, String sha256) {
        return inTransaction(c -> update(c, "update source_file set state = ?, lease_owner = ?, lease_until = ?, "
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
        inTransaction(c -> update(c, "update source_file set moved = ?, lease_owner = null, lease_until = null "
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
        return mine.isEmpty() ? SourceState.DUPLICATE : SourceState.DONE;
    }

    /** Sources whose original waits for their deliveries (in inflight/ or failed/): the sweep looks at them. */
    public List<SourceRow> waitingSources(int limit) {
        return inTransaction(c -> {
            List<SourceRow> rows = sources(c, "state in ('PENDING', 'UNCERTAIN') and moved = true and "
                    + "(lease_until is null or lease_until < ?)", now());
            return rows.size() > limit ? rows.subList(0, limit) : rows;
        });
    }

    /** Takes a waiting source for this instance to move its original; false when another instance has it. */
    public boolean takeWaitingSource(long sourceId) {
        return inTransaction(c -> update(c, "update source_file set lease_owner = ?, lease_until = ? where id = ? "
                + "and state in ('PENDING', 'UNCERTAIN') and moved = true and (lease_until is null or lease_until < ?)",
                instance.token(), leaseUntil(), sourceId, now()) == 1);
    }

    /** The outcome a waiting source has now, from its deliveries (its own recorded failure included). */
    public SourceState currentOutcome(long sourceId) {
        return inTransaction(c -> outcomeOf(sourceById(c, sourceId).orElseThrow(),
                deliveries(c, "source_id = ?", sourceId), false));
    }

    /** A waiting source's original was moved to {@code keptAt}: its new state, and our lease released. */
    public void moveWaitingSource(long sourceId, SourceState state, String keptAt) {
        inTransaction(c -> {
            int changed = update(c, "update source_file set state = ?, kept_at = ?, finished_at = ?, moved = true, "
                    + "lease_owner = null, lease_until = null where id = ? and lease_owner = ?", state, keptAt,
                    state.waiting() ? Null.TIMESTAMP : now(), sourceId, instance.token());
            if (changed != 1) {
                throw new LeaseLostException("source " + sourceId + " was taken over while its original was moved");
            }
            return null;
        });
    }

    /** Gives a waiting source back without a move (nothing changed, or the move must wait). */
    public void releaseWaitingSource(long sourceId) {
        inTransaction(c -> update(c, "update source_file set lease_owner = null, lease_until = null where id = ? "
                + "and lease_owner = ?", sourceId, instance.token()));
    }

    private Long firstDeliveredWithSameContent(Connection c, SourceRow source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select min(source_id) from delivery where content_sha256 = ? "
                + "and state = ? and source_id <> ?")) {
            bind(ps, source.sha256(), DeliveryState.ACCEPTED, source.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? null : id;
            }
        }
    }

    public Optional<SourceRow> source(long id) {
        return inTransaction(c -> sourceById(c, id));
    }

    public List<SourceRow> sourcesNamed(String name) {
        return inTransaction(c -> sources(c, "name = ?", name));
    }

    /** True while a non-final delivery still reads a chunk below {@code workDir}: the folder must stay. */
    public boolean workDirInUse(Path workDir) {
        String prefix = workDir.toAbsolutePath() + java.io.File.separator;
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from delivery where state not in "
                    + "('ACCEPTED', 'REJECTED', 'FAILED', 'STOPPED') and chunk_path like ? escape '!'")) {
                bind(ps, LedgerPatterns.prefix(prefix));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    // --- the chunk plan -----------------------------------------------------------------------------------

    /**
     * The rows of each chunk an earlier intake of this content cut for this target, in chunk order; empty when there
     * is none. A replay cuts along the same rows, so no row is sent twice or skipped when limits changed meanwhile.
     */
    public List<Long> storedPlan(String contentSha256, String target) {
        return inTransaction(c -> {
            List<DeliveryRow> rows = deliveries(c, "content_sha256 = ? and target = ?", contentSha256, target);
            List<Long> plan = new ArrayList<>();
            for (DeliveryRow row : rows.stream().sorted(java.util.Comparator.comparingInt(DeliveryRow::chunkNo))
                    .toList()) {
                if (row.chunkRows() == null || row.chunkNo() != plan.size() + 1 || row.chunkCount() != rows.size()) {
                    return List.<Long>of(); // an incomplete or pre-plan record: nothing to follow
                }
                plan.add(row.chunkRows());
            }
            return plan;
        });
    }

    /**
     * Records a source's chunk plan for one target in one transaction: every chunk gets its row (PLANNED) before the
     * first is claimed, so a crash between two chunks leaves the whole plan behind for the next intake. Rows that
     * exist already are left as they are.
     */
    public void plan(long sourceId, String contentSha256, String target, List<PlannedChunk> chunks) {
        try {
            planOnce(sourceId, contentSha256, target, chunks);
        } catch (LedgerUnavailableException e) {
            throw e;
        } catch (IllegalStateException planRace) {
            // another instance planned the same content at the same moment: its rows stand, ours are not needed
            planOnce(sourceId, contentSha256, target, chunks);
        }
    }

    private void planOnce(long sourceId, String contentSha256, String target, List<PlannedChunk> chunks) {
        inTransaction(c -> {
            for (PlannedChunk chunk : chunks) {
                if (deliveries(c, "content_sha256 = ? and target = ? and chunk_no = ?", contentSha256, target,
                        chunk.chunkNo()).isEmpty()) {
                    update(c, "insert into delivery (source_id, content_sha256, target, chunk_no, chunk_count, "
                            + "chunk_md5, chunk_bytes, chunk_rows, chunk_path, state, created_at, updated_at) "
                            + "values (?,?,?,?,?,?,?,?,?,?,?,?)", sourceId, contentSha256, target, chunk.chunkNo(),
                            chunks.size(), chunk.md5(), chunk.bytes(), chunk.rows(), chunk.path(),
                            DeliveryState.PLANNED, now(), now());
                }
            }
            return null;
        });
    }

    /** One chunk of a plan: its number, rows and bytes, and where its bytes are. */
    public record PlannedChunk(int chunkNo, String md5, long bytes, long rows, String path) {
    }

    // --- claims -------------------------------------------------------------------------------------------

    /**
     * May this source send this chunk now? One transaction decides, from the delivery row of (content, target,
     * chunk): a planned or replayable row, or one whose lease ran out before anything was sent, is claimed under our
     * lease; a send cut short is sent again only where the target deduplicates repeats, else it becomes uncertain;
     * live work of another intake is in flight. When the row's source was itself an earlier intake of this very
     * file that was cut short, this source adopts the row and settles by it.
     */
    public Claim claim(long sourceId, String contentSha256, String target, PlannedChunk chunk, boolean targetDedups) {
        return inTransaction(c -> {
            DeliveryRow row = deliveries(c, "content_sha256 = ? and target = ? and chunk_no = ?", contentSha256,
                    target, chunk.chunkNo()).stream().findFirst().orElseThrow(() -> new IllegalTransitionException(
                            "chunk " + chunk.chunkNo() + " of " + target + " was not planned"));
            Instant now = clock.instant();
            boolean adopt = row.sourceId() != sourceId && orphaned(c, row.sourceId(), now);
            boolean bytesChanged = row.chunkMd5() != null && !row.chunkMd5().equals(chunk.md5());
            switch (row.state()) {
                case ACCEPTED -> {
                    return new Claim(Claim.Outcome.ALREADY_ACCEPTED, row.id(), row.keyGeneration(),
                            adopt && adopt(c, row, sourceId));
                }
                case UNCERTAIN -> {
                    return new Claim(Claim.Outcome.UNCERTAIN, row.id(), row.keyGeneration(),
                            adopt && adopt(c, row, sourceId));
                }
                case PARKED, POLLING, SENT, WAITING_BATCH -> {
                    boolean adopted = adopt && adopt(c, row, sourceId);
                    return new Claim(adopted || row.sourceId() == sourceId ? Claim.Outcome.WAITING
                            : Claim.Outcome.IN_FLIGHT, row.id(), row.keyGeneration(), adopted);
                }
                case CLAIMED, SENDING -> {
                    if (row.leaseLive(now)) {
                        return new Claim(Claim.Outcome.IN_FLIGHT, row.id(), row.keyGeneration(), false);
                    }
                    if (row.state() == DeliveryState.SENDING && (!targetDedups || bytesChanged)) {
                        // the request may have arrived: it is resolved, never sent again on its own
                        update(c, "update delivery set state = ?, claimed_by = null, lease_until = null, "
                                + "uncertain_since = coalesce(uncertain_since, updated_at), error_code = ?, "
                                + "error_message = ?, updated_at = ? where id = ? and state = ? and updated_at = ?",
                                DeliveryState.UNCERTAIN, CoreFailureCode.DELIVERY_UNCERTAIN, "the instance sending it "
                                + "stopped before the target answered; it may have arrived", now(), row.id(),
                                row.state(), row.updatedAt());
                        return new Claim(Claim.Outcome.UNCERTAIN, row.id(), row.keyGeneration(),
                                adopt && adopt(c, row, sourceId));
                    }
                    return take(c, row, sourceId, chunk, row.keyGeneration());
                }
                case PLANNED -> {
                    return take(c, row, sourceId, chunk, row.keyGeneration() + (bytesChanged ? 1 : 0));
                }
                case REJECTED, FAILED, STOPPED -> {
                    // a replay: a deliberate new send, under a new key generation
                    return take(c, row, sourceId, chunk, row.keyGeneration() + 1);
                }
                default -> throw new IllegalStateException("unexpected delivery state " + row.state());
            }
        });
    }

    /** Claims a row under our lease if it is still as we read it. */
    private Claim take(Connection c, DeliveryRow row, long sourceId, PlannedChunk chunk, int generation)
            throws SQLException {
        int changed = update(c, "update delivery set state = ?, source_id = ?, claimed_by = ?, lease_until = ?, "
                + "key_generation = ?, chunk_md5 = ?, chunk_bytes = ?, chunk_rows = ?, chunk_path = ?, "
                + "next_attempt_at = null, error_code = null, error_message = null, retryable = null, "
                + "updated_at = ? where id = ? and state = ? and updated_at = ?", DeliveryState.CLAIMED, sourceId,
                instance.token(), leaseUntil(), generation, chunk.md5(), chunk.bytes(), chunk.rows(), chunk.path(),
                now(), row.id(), row.state(), row.updatedAt());
        if (changed == 1) {
            if (row.sourceId() != sourceId) {
                supersede(c, row.sourceId(), sourceId);
            }
            return new Claim(Claim.Outcome.CLAIMED, row.id(), generation, row.sourceId() != sourceId);
        }
        return new Claim(Claim.Outcome.IN_FLIGHT, row.id(), row.keyGeneration(), false);
    }

    private boolean adopt(Connection c, DeliveryRow row, long sourceId) throws SQLException {
        if (update(c, "update delivery set source_id = ? where id = ? and source_id = ?", sourceId, row.id(),
                row.sourceId()) != 1) {
            return false;
        }
        supersede(c, row.sourceId(), sourceId);
        return true;
    }

    /** An earlier intake of the same file, cut short, is finished: a later one carries its deliveries on. */
    private void supersede(Connection c, long earlier, long later) throws SQLException {
        update(c, "update source_file set state = ?, superseded_by = ?, finished_at = coalesce(finished_at, ?), "
                + "lease_owner = null, lease_until = null where id = ? and (state in ('RECEIVED', 'INTERRUPTED', "
                + "'PENDING', 'UNCERTAIN') or moved = false)", SourceState.INTERRUPTED, later, now(), earlier);
    }

    /**
     * True when a source can no longer settle its deliveries itself: its intake was cut short (its lease ran out),
     * or the original it waited with is gone from where it was kept (moved back into the inbox by hand).
     */
    private boolean orphaned(Connection c, long sourceId, Instant now) throws SQLException {
        SourceRow source = sourceById(c, sourceId).orElse(null);
        if (source == null) {
            return true;
        }
        return switch (source.state()) {
            case RECEIVED -> !source.leaseLive(now);
            case INTERRUPTED -> true;
            // settled, but its instance died before the move: the file never left the inbox
            default -> !source.moved() && !source.leaseLive(now)
                    // or it waited and was moved back into the inbox by hand
                    || source.state().waiting() && source.keptAt() != null && Path.of(source.keptAt()).isAbsolute()
                    && !Files.exists(Path.of(source.keptAt()));
        };
    }

    /** The name the target was shown for this delivery (an Import Name, a file part name): what a lookup asks for. */
    public void recordSentName(long deliveryId, String sentName) {
        inTransaction(c -> update(c, "update delivery set sent_name = ? where id = ?", sentName, deliveryId));
    }

    // --- sending ------------------------------------------------------------------------------------------

    /**
     * CLAIMED (or a parked retry taken by this instance) to SENDING, and a new attempt: from here a crash means the
     * outcome is unknown.
     */
    public int markSending(long deliveryId) {
        return inTransaction(c -> {
            DeliveryRow row = deliveryById(c, deliveryId).orElseThrow();
            move(c, row, DeliveryState.SENDING, ", lease_until = ?", leaseUntil());
            return openAttempt(c, deliveryId);
        });
    }

    public void closeAttempt(long deliveryId, String outcome, Integer httpStatus, FailureCode code, String excerpt) {
        inTransaction(c -> update(c, "update delivery_attempt set finished_at = ?, outcome = ?, http_status = ?, "
                + "error_code = ?, response_excerpt = ? where delivery_id = ? and finished_at is null", now(),
                outcome, orNull(httpStatus), orNull(code == null ? null : code.name()),
                orNull(UsageBridgeFailure.cut(excerpt, UsageBridgeFailure.MAX_REPLY_CHARS)), deliveryId));
    }

    public void markAccepted(long deliveryId, String remoteId, String remoteStatus, String remoteResponse) {
        inTransaction(c -> {
            DeliveryRow row = deliveryById(c, deliveryId).orElseThrow();
            move(c, row, DeliveryState.ACCEPTED, ", remote_id = coalesce(?, remote_id), remote_status = ?, "
                    + "remote_response = ?, next_attempt_at = null, claimed_by = null, lease_until = null",
                    orNull(remoteId), orNull(remoteStatus),
                    orNull(UsageBridgeFailure.cut(remoteResponse, UsageBridgeFailure.MAX_REPLY_CHARS)));
            return null;
        });
    }

    /** Records a failure on a delivery: REJECTED, FAILED or UNCERTAIN, with its code and the target's reply. */
    public void markFailed(long deliveryId, DeliveryState state, UsageBridgeFailure failure) {
        inTransaction(c -> {
            DeliveryRow row = deliveryById(c, deliveryId).orElseThrow();
            List<Object> args = new ArrayList<>(List.of(failure.code(),
                    UsageBridgeFailure.cut(failure.getMessage(), UsageBridgeFailure.MAX_MESSAGE_CHARS),
                    failure.retryable(), orNull(failure.targetReply())));
            String set = ", error_code = ?, error_message = ?, retryable = ?, "
                    + "remote_response = coalesce(?, remote_response), claimed_by = null, lease_until = null";
            if (state == DeliveryState.UNCERTAIN) {
                set += ", uncertain_since = coalesce(uncertain_since, ?), next_attempt_at = null";
                args.add(lastAttemptStart(c, deliveryId).orElse(clock.instant()));
            }
            move(c, row, state, set, args.toArray());
            return null;
        });
    }

    /**
     * A retryable failure: the delivery waits in the ledger (PARKED) until {@code nextAttempt}, its lease released;
     * a timer sends it again then. No thread waits for it.
     */
    public void park(long deliveryId, Instant nextAttempt, UsageBridgeFailure failure) {
        inTransaction(c -> {
            DeliveryRow row = deliveryById(c, deliveryId).orElseThrow();
            move(c, row, DeliveryState.PARKED, ", parks = parks + 1, next_attempt_at = ?, error_code = ?, "
                    + "error_message = ?, "
                    + "retryable = true, remote_response = coalesce(?, remote_response), claimed_by = null, "
                    + "lease_until = null", nextAttempt, failure.code(),
                    UsageBridgeFailure.cut(failure.getMessage(), UsageBridgeFailure.MAX_MESSAGE_CHARS),
                    orNull(failure.targetReply()));
            return null;
        });
    }

    /** Parked retries whose time has come, taken under this instance's lease (each by one instance only). */
    public List<DeliveryRow> takeDueRetries(int limit) {
        return takeDue("state = 'PARKED' and next_attempt_at <= ?", "next_attempt_at", limit);
    }

    /** Gives a taken parked retry back untouched (e.g. its chunk cannot be read here). */
    public void releaseTaken(long deliveryId) {
        inTransaction(c -> update(c, "update delivery set claimed_by = null, lease_until = null where id = ? "
                + "and claimed_by = ?", deliveryId, instance.token()));
    }

    /** The target took the job (remote id): from now on it is followed until its final status. */
    public void markPolling(long deliveryId, String remoteId, String remoteResponse, Instant firstPoll,
                            Instant deadline) {
        inTransaction(c -> {
            DeliveryRow row = deliveryById(c, deliveryId).orElseThrow();
            move(c, row, DeliveryState.POLLING, ", remote_id = ?, remote_response = ?, next_poll_at = ?, "
                    + "poll_deadline = ?, next_attempt_at = null, claimed_by = null, lease_until = null", remoteId,
                    orNull(UsageBridgeFailure.cut(remoteResponse, UsageBridgeFailure.MAX_REPLY_CHARS)), firstPoll,
                    deadline);
            return null;
        });
    }

    /** How many deliveries are being followed at their targets now. */
    public long countPolling() {
        return count("state = 'POLLING'");
    }

    /** How many deliveries wait for a retry. */
    public long countParked() {
        return count("state = 'PARKED'");
    }

    /** How many deliveries await resolution (lookup or operator). */
    public long countUncertain() {
        return count("state = 'UNCERTAIN'");
    }

    private long count(String where) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from delivery where " + where);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Deliveries whose next status check is due, each taken under this instance's lease for the check. */
    public List<DeliveryRow> takeDuePolls(int limit) {
        return takeDue("state = 'POLLING' and next_poll_at <= ?", "next_poll_at", limit);
    }

    /**
     * Takes due rows under our lease: candidates are read (skipping rows another transaction holds), then each is
     * taken by a compare-and-set on its lease, so two instances never both take one row.
     */
    private List<DeliveryRow> takeDue(String due, String order, int limit) {
        return inTransaction(c -> {
            List<Long> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id from delivery where " + due + " and "
                    + "(lease_until is null or lease_until < ?) order by " + order + " fetch first " + limit
                    + " rows only for update skip locked")) {
                bind(ps, now(), now());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getLong(1));
                    }
                }
            }
            List<DeliveryRow> taken = new ArrayList<>();
            for (long id : candidates) {
                if (update(c, "update delivery set claimed_by = ?, lease_until = ? where id = ? and "
                        + "(lease_until is null or lease_until < ?)", instance.token(), leaseUntil(), id, now())
                        == 1) {
                    deliveryById(c, id).ifPresent(taken::add);
                }
            }
            return taken;
        });
    }

    /** Still processing remotely: note the status and when to ask again; the poll's lease is released. */
    public void pollAgain(long deliveryId, String remoteStatus, Instant nextPoll) {
        inTransaction(c -> update(c, "update delivery set polls = polls + 1, remote_status = ?, next_poll_at = ?, "
                + "claimed_by = null, lease_until = null, updated_at = ? where id = ? and state = ? "
                + "and (claimed_by = ? or claimed_by is null)", orNull(remoteStatus), nextPoll, now(), deliveryId,
                DeliveryState.POLLING, instance.token()));
    }

    /** The remote job's final counts and where its result file is kept. */
    public void recordRemoteOutcome(long deliveryId, String remoteStatus, Long total, Long imported, Long failed,
                                    String resultPath) {
        inTransaction(c -> update(c, "update delivery set polls = polls + 1, remote_status = ?, remote_total = ?, "
                + "remote_imported = ?, remote_failed = ?, result_path = ?, next_poll_at = null, updated_at = ? "
                + "where id = ? and (claimed_by = ? or claimed_by is null)", orNull(remoteStatus), orNull(total),
                orNull(imported), orNull(failed), orNull(resultPath), now(), deliveryId, instance.token()));
    }

    public Optional<DeliveryRow> delivery(long id) {
        return inTransaction(c -> deliveryById(c, id));
    }

    public List<DeliveryRow> deliveriesOf(long sourceId) {
        return inTransaction(c -> deliveries(c, "source_id = ?", sourceId));
    }

    public List<DeliveryRow> deliveriesTo(String target) {
        return inTransaction(c -> deliveries(c, "target = ?", target));
    }

    public List<DeliveryRow> deliveriesIn(DeliveryState state) {
        return inTransaction(c -> deliveries(c, "state = ?", state));
    }

    public List<AttemptRow> attemptsOf(long deliveryId) {
        return inTransaction(c -> {
            List<AttemptRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select * from delivery_attempt where delivery_id = ? "
                    + "order by attempt_no")) {
                bind(ps, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int status = rs.getInt("http_status");
                        Integer httpStatus = rs.wasNull() ? null : status;
                        rows.add(new AttemptRow(rs.getLong("delivery_id"), rs.getInt("attempt_no"),
                                LedgerTransactions.instant(rs.getTimestamp("started_at")),
                                LedgerTransactions.instant(rs.getTimestamp("finished_at")), rs.getString("outcome"),
                                httpStatus, rs.getString("error_code"), rs.getString("response_excerpt")));
                    }
                }
            }
            return rows;
        });
    }

    // --- plumbing -----------------------------------------------------------------------------------------

    /**
     * One fenced transition: legal for the state machine, and the row is ours (held under our token) or held by
     * nobody. {@code set} adds assignments (starting with a comma) bound to {@code args}.
     */
    private void move(Connection c, DeliveryRow row, DeliveryState to, String set, Object... args)
            throws SQLException {
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
        if (update(c, "update delivery set state = ?, updated_at = ?" + set + " where id = ? and state = ? and "
                + owner, all.toArray()) != 1) {
            throw new LeaseLostException("delivery " + row.id() + " changed under this instance (" + row.state()
                    + " -> " + to + " refused)");
        }
    }

    private int openAttempt(Connection c, long deliveryId) throws SQLException {
        update(c, "update delivery set attempts = attempts + 1 where id = ?", deliveryId);
        int attemptNo = deliveryById(c, deliveryId).orElseThrow().attempts();
        update(c, "insert into delivery_attempt (delivery_id, attempt_no, started_at) values (?,?,?)", deliveryId,
                attemptNo, now());
        return attemptNo;
    }

    private Optional<Instant> lastAttemptStart(Connection c, long deliveryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select max(started_at) from delivery_attempt where "
                + "delivery_id = ?")) {
            bind(ps, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(LedgerTransactions.instant(rs.getTimestamp(1)));
            }
        }
    }
}
