package io.usagebridge.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jdbi.v3.core.Handle;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * The ledger's deliveries: each source's chunk plan per target, the claim that lets one intake send a chunk, and
 * every state the send goes through. Each state change is one transaction whose UPDATE names the state it leaves
 * and, for work held under a lease, the token of this instance (fencing): an instance whose lease ran out and was
 * taken over can never overwrite the new owner's work.
 */
public class DeliveryLedger extends LedgerSql {

    public DeliveryLedger(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
    }

    // --- the chunk plan -----------------------------------------------------------------------------------

    /**
     * The rows of each chunk an earlier intake of this content cut for this target, in chunk order; empty when there
     * is none. A replay cuts along the same rows, so no row is sent twice or skipped when limits changed meanwhile.
     */
    public List<Long> storedPlan(String contentSha256, String target) {
        return inTransaction(h -> {
            List<DeliveryRow> rows = deliveries(h, "content_sha256 = ? and target = ?", contentSha256, target);
            List<Long> plan = new ArrayList<>();
            for (DeliveryRow row : rows.stream().sorted(Comparator.comparingInt(DeliveryRow::chunkNo)).toList()) {
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
        inTransaction(h -> {
            for (PlannedChunk chunk : chunks) {
                if (deliveries(h, "content_sha256 = ? and target = ? and chunk_no = ?", contentSha256, target,
                        chunk.chunkNo()).isEmpty()) {
                    update(h, "insert into delivery (source_id, content_sha256, target, chunk_no, chunk_count, "
                            + "chunk_md5, chunk_bytes, chunk_rows, chunk_path, state, created_at, updated_at) "
                            + "values (?,?,?,?,?,?,?,?,?,?,?,?)", sourceId, contentSha256, target, chunk.chunkNo(),
                            chunks.size(), chunk.md5(), chunk.bytes(), chunk.rows(), chunk.path(),
                            DeliveryState.PLANNED, now(), now());
                }
            }
            return null;
        });
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
        return inTransaction(h -> {
            DeliveryRow row = deliveries(h, "content_sha256 = ? and target = ? and chunk_no = ?", contentSha256,
                    target, chunk.chunkNo()).stream().findFirst().orElseThrow(() -> new IllegalTransitionException(
                            "chunk " + chunk.chunkNo() + " of " + target + " was not planned"));
            Instant now = clock.instant();
            boolean adopt = row.sourceId() != sourceId && orphaned(h, row.sourceId(), now);
            boolean bytesChanged = row.chunkMd5() != null && !row.chunkMd5().equals(chunk.md5());
            switch (row.state()) {
                case ACCEPTED -> {
                    return new Claim(Claim.Outcome.ALREADY_ACCEPTED, row.id(), row.keyGeneration(),
                            adopt && adopt(h, row, sourceId));
                }
                case UNCERTAIN -> {
                    return new Claim(Claim.Outcome.UNCERTAIN, row.id(), row.keyGeneration(),
                            adopt && adopt(h, row, sourceId));
                }
                case PARKED, POLLING, SENT, WAITING_BATCH -> {
                    boolean adopted = adopt && adopt(h, row, sourceId);
                    return new Claim(adopted || row.sourceId() == sourceId ? Claim.Outcome.WAITING
                            : Claim.Outcome.IN_FLIGHT, row.id(), row.keyGeneration(), adopted);
                }
                case CLAIMED, SENDING -> {
                    if (row.leaseLive(now)) {
                        return new Claim(Claim.Outcome.IN_FLIGHT, row.id(), row.keyGeneration(), false);
                    }
                    if (row.state() == DeliveryState.SENDING && (!targetDedups || bytesChanged)) {
                        // the request may have arrived: it is resolved, never sent again on its own
                        update(h, "update delivery set state = ?, claimed_by = null, lease_until = null, "
                                + "uncertain_since = coalesce(uncertain_since, updated_at), error_code = ?, "
                                + "error_message = ?, updated_at = ? where id = ? and state = ? and updated_at = ?",
                                DeliveryState.UNCERTAIN, CoreFailureCode.DELIVERY_UNCERTAIN, "the instance sending it "
                                + "stopped before the target answered; it may have arrived", now(), row.id(),
                                row.state(), row.updatedAt());
                        return new Claim(Claim.Outcome.UNCERTAIN, row.id(), row.keyGeneration(),
                                adopt && adopt(h, row, sourceId));
                    }
                    return take(h, row, sourceId, chunk, row.keyGeneration());
                }
                case PLANNED -> {
                    return take(h, row, sourceId, chunk, row.keyGeneration() + (bytesChanged ? 1 : 0));
                }
                case REJECTED, FAILED, STOPPED -> {
                    // a replay: a deliberate new send, under a new key generation
                    return take(h, row, sourceId, chunk, row.keyGeneration() + 1);
                }
                default -> throw new IllegalStateException("unexpected delivery state " + row.state());
            }
        });
    }

    /** Claims a row under our lease if it is still as we read it. */
    private Claim take(Handle h, DeliveryRow row, long sourceId, PlannedChunk chunk, int generation) {
        int changed = update(h, "update delivery set state = ?, source_id = ?, claimed_by = ?, lease_until = ?, "
                + "key_generation = ?, chunk_md5 = ?, chunk_bytes = ?, chunk_rows = ?, chunk_path = ?, "
                + "next_attempt_at = null, error_code = null, error_message = null, retryable = null, "
                + "updated_at = ? where id = ? and state = ? and updated_at = ?", DeliveryState.CLAIMED, sourceId,
                instance.token(), leaseUntil(), generation, chunk.md5(), chunk.bytes(), chunk.rows(), chunk.path(),
                now(), row.id(), row.state(), row.updatedAt());
        if (changed == 1) {
            if (row.sourceId() != sourceId) {
                supersede(h, row.sourceId(), sourceId);
            }
            return new Claim(Claim.Outcome.CLAIMED, row.id(), generation, row.sourceId() != sourceId);
        }
        return new Claim(Claim.Outcome.IN_FLIGHT, row.id(), row.keyGeneration(), false);
    }

    private boolean adopt(Handle h, DeliveryRow row, long sourceId) {
        if (update(h, "update delivery set source_id = ? where id = ? and source_id = ?", sourceId, row.id(),
                row.sourceId()) != 1) {
            return false;
        }
        supersede(h, row.sourceId(), sourceId);
        return true;
    }

    /** An earlier intake of the same file, cut short, is finished: a later one carries its deliveries on. */
    private void supersede(Handle h, long earlier, long later) {
        update(h, "update source_file set state = ?, superseded_by = ?, finished_at = coalesce(finished_at, ?), "
                + "lease_owner = null, lease_until = null where id = ? and (state in ('RECEIVED', 'INTERRUPTED', "
                + "'PENDING', 'UNCERTAIN') or moved = false)", SourceState.INTERRUPTED, later, now(), earlier);
    }

    /**
     * True when a source can no longer settle its deliveries itself: its intake was cut short (its lease ran out),
     * or the original it waited with is gone from where it was kept (moved back into the inbox by hand).
     */
    private static boolean orphaned(Handle h, long sourceId, Instant now) {
        SourceRow source = sourceById(h, sourceId).orElse(null);
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
        inTransaction(h -> update(h, "update delivery set sent_name = ? where id = ?", sentName, deliveryId));
    }

    // --- sending ------------------------------------------------------------------------------------------

    /**
     * CLAIMED (or a parked retry taken by this instance) to SENDING, and a new attempt: from here a crash means the
     * outcome is unknown.
     */
    public int markSending(long deliveryId) {
        return inTransaction(h -> {
            DeliveryRow row = deliveryById(h, deliveryId).orElseThrow();
            moveDelivery(h, row, DeliveryState.SENDING, ", lease_until = ?", leaseUntil());
            return AttemptLedger.openAttempt(h, deliveryId, clock.instant());
        });
    }

    public void markAccepted(long deliveryId, String remoteId, String remoteStatus, String remoteResponse) {
        inTransaction(h -> {
            DeliveryRow row = deliveryById(h, deliveryId).orElseThrow();
            moveDelivery(h, row, DeliveryState.ACCEPTED, ", remote_id = coalesce(?, remote_id), remote_status = ?, "
                    + "remote_response = ?, next_attempt_at = null, claimed_by = null, lease_until = null",
                    orNull(remoteId), orNull(remoteStatus),
                    orNull(UsageBridgeFailure.cut(remoteResponse, UsageBridgeFailure.MAX_REPLY_CHARS)));
            return null;
        });
    }

    /** Records a failure on a delivery: REJECTED, FAILED or UNCERTAIN, with its code and the target's reply. */
    public void markFailed(long deliveryId, DeliveryState state, UsageBridgeFailure failure) {
        inTransaction(h -> {
            DeliveryRow row = deliveryById(h, deliveryId).orElseThrow();
            List<Object> args = new ArrayList<>(List.of(failure.code().name(),
                    UsageBridgeFailure.cut(failure.getMessage(), UsageBridgeFailure.MAX_MESSAGE_CHARS),
                    failure.retryable(), orNull(failure.targetReply())));
            String set = ", error_code = ?, error_message = ?, retryable = ?, "
                    + "remote_response = coalesce(?, remote_response), claimed_by = null, lease_until = null";
            if (state == DeliveryState.UNCERTAIN) {
                set += ", uncertain_since = coalesce(uncertain_since, ?), next_attempt_at = null";
                args.add(AttemptLedger.lastAttemptStart(h, deliveryId).orElse(clock.instant()));
            }
            moveDelivery(h, row, state, set, args.toArray());
            return null;
        });
    }

    /**
     * A retryable failure: the delivery waits in the ledger (PARKED) until {@code nextAttempt}, its lease released;
     * a timer sends it again then. No thread waits for it.
     */
    public void park(long deliveryId, Instant nextAttempt, UsageBridgeFailure failure) {
        inTransaction(h -> {
            DeliveryRow row = deliveryById(h, deliveryId).orElseThrow();
            moveDelivery(h, row, DeliveryState.PARKED, ", parks = parks + 1, next_attempt_at = ?, error_code = ?, "
                    + "error_message = ?, retryable = true, remote_response = coalesce(?, remote_response), "
                    + "claimed_by = null, lease_until = null", nextAttempt, failure.code().name(),
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
        inTransaction(h -> update(h, "update delivery set claimed_by = null, lease_until = null where id = ? "
                + "and claimed_by = ?", deliveryId, instance.token()));
    }

    // --- reading ------------------------------------------------------------------------------------------

    /** How many deliveries wait for a retry. */
    public long countParked() {
        return count("state = 'PARKED'");
    }

    /** How many deliveries await resolution (lookup or operator). */
    public long countUncertain() {
        return count("state = 'UNCERTAIN'");
    }

    /** How many deliveries are being followed at their targets now. */
    public long countPolling() {
        return count("state = 'POLLING'");
    }

    private long count(String where) {
        return inTransaction(h -> number(h, "select count(*) from delivery where " + where));
    }

    public Optional<DeliveryRow> delivery(long id) {
        return inTransaction(h -> deliveryById(h, id));
    }

    public List<DeliveryRow> deliveriesOf(long sourceId) {
        return inTransaction(h -> deliveries(h, "source_id = ?", sourceId));
    }

    public List<DeliveryRow> deliveriesTo(String target) {
        return inTransaction(h -> deliveries(h, "target = ?", target));
    }

    public List<DeliveryRow> deliveriesIn(DeliveryState state) {
        return inTransaction(h -> deliveries(h, "state = ?", state));
    }
}
