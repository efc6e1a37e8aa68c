package io.usagebridge.ledger;

import static io.usagebridge.ledger.LedgerTransactions.instant;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.intake.Fingerprint;

/**
 * The ledger: every source file, delivery and attempt. Each state change is one transaction whose UPDATE names
 * the state it leaves, so two nodes (or two exchanges) can never both win the same transition.
 */
public class LedgerRepository {

    private static final String DELIVERY_COLUMNS = "id, source_id, content_sha256, target, chunk_no, chunk_count, "
            + "chunk_md5, chunk_bytes, chunk_rows, state, remote_id, remote_status, remote_response, error_code, "
            + "error_message, retryable, attempts, created_at, updated_at, polls, next_poll_at, poll_deadline, "
            + "remote_total, remote_imported, remote_failed, result_path";
    private static final String SOURCE_COLUMNS = "id, name, origin, work_path, sha256, md5, bytes, row_count, state, "
            + "duplicate_of, error_code, error_message, received_at, finished_at, kept_at, done_dir, failed_dir, "
            + "sidecar_dir";

    private final DataSource dataSource;
    private final String nodeId;
    private final Clock clock;

    public LedgerRepository(DataSource dataSource, String nodeId, Clock clock) {
        this.dataSource = dataSource;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    public String nodeId() {
        return nodeId;
    }

    // --- source files -------------------------------------------------------------------------------------

    public long recordSource(String name, String origin, Path workPath, Fingerprint fp) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into source_file (name, origin, work_path, "
                    + "sha256, md5, bytes, row_count, state, received_at, node_id) values (?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setString(2, origin);
                ps.setString(3, workPath == null ? null : workPath.toString());
                ps.setString(4, fp.sha256());
                ps.setString(5, fp.md5());
                ps.setLong(6, fp.bytes());
                ps.setLong(7, fp.rows());
                ps.setString(8, SourceState.RECEIVED.name());
                ps.setTimestamp(9, now());
                ps.setString(10, nodeId);
                ps.executeUpdate();
                return generatedId(ps);
            }
        });
    }

    public void markSourceFailed(long sourceId, FailureCode code, String message) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update source_file set state = ?, error_code = ?, "
                    + "error_message = ?, finished_at = ? where id = ?")) {
                ps.setString(1, SourceState.FAILED.name());
                ps.setString(2, code.name());
                ps.setString(3, UsageBridgeFailure.cut(message));
                ps.setTimestamp(4, now());
                ps.setLong(5, sourceId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Decides the source file's outcome from its deliveries: failed if it or any delivery it claimed failed,
     * duplicate if it claimed nothing new, done otherwise.
     */
    public SourceState settleSource(long sourceId, boolean failuresSeen) {
        return settleSource(sourceId, failuresSeen, null);
    }

    /**
     * Decides the source file's outcome from its deliveries: failed if it or any delivery it claimed failed,
     * pending while a target is still processing (the original then waits at {@code keptAt}), duplicate if it
     * claimed nothing new, done otherwise.
     */
    public SourceState settleSource(long sourceId, boolean failuresSeen, PendingPlace pending) {
        return inTransaction(c -> {
            SourceRow source = source(c, sourceId).orElseThrow();
            List<DeliveryRow> mine = deliveries(c, "source_id = ?", sourceId);
            SourceState outcome;
            Long duplicateOf = null;
            boolean inProgress = mine.stream().anyMatch(d -> !d.state().settled());
            if (failuresSeen || source.errorCode() != null || mine.stream().anyMatch(d -> d.state().settled()
                    && d.state() != DeliveryState.ACCEPTED)) {
                outcome = inProgress && pending != null ? SourceState.PENDING : SourceState.FAILED;
            } else if (inProgress && pending != null) {
                outcome = SourceState.PENDING;
            } else if (mine.isEmpty()) {
                outcome = SourceState.DUPLICATE;
                duplicateOf = firstDeliveredWithSameContent(c, source);
            } else {
                outcome = SourceState.DONE;
            }
            try (PreparedStatement ps = c.prepareStatement("update source_file set state = ?, duplicate_of = ?, "
                    + "finished_at = ?, kept_at = ?, done_dir = ?, failed_dir = ?, sidecar_dir = ? where id = ?")) {
                boolean waits = outcome == SourceState.PENDING;
                ps.setString(1, outcome.name());
                setLong(ps, 2, duplicateOf);
                ps.setTimestamp(3, waits ? null : now());
                ps.setString(4, waits ? pending.keptAt() : null);
                ps.setString(5, waits ? pending.doneDir() : null);
                ps.setString(6, waits ? pending.failedDir() : null);
                ps.setString(7, waits ? pending.sidecarDir() : null);
                ps.setLong(8, sourceId);
                ps.executeUpdate();
            }
            return outcome;
        });
    }

    /** Where a pending source's original waits and where it goes once its deliveries are final. */
    public record PendingPlace(String keptAt, String doneDir, String failedDir, String sidecarDir) {
    }

    /** Pending source files whose deliveries are all final now: ready to be moved to done/ or failed/. */
    public List<SourceRow> pendingSourcesSettled() {
        return inTransaction(c -> {
            List<SourceRow> ready = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + SOURCE_COLUMNS + " from source_file s "
                    + "where state = ? and not exists (select 1 from delivery d where d.source_id = s.id "
                    + "and d.state not in ('ACCEPTED', 'REJECTED', 'FAILED', 'UNCERTAIN', 'STOPPED')) order by id")) {
                ps.setString(1, SourceState.PENDING.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ready.add(sourceRow(rs));
                    }
                }
            }
            return ready;
        });
    }

    /** A pending source reached its outcome (its original was moved there). */
    public void finishPending(long sourceId, SourceState outcome) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update source_file set state = ?, finished_at = ? "
                    + "where id = ? and state = ?")) {
                ps.setString(1, outcome.name());
                ps.setTimestamp(2, now());
                ps.setLong(3, sourceId);
                ps.setString(4, SourceState.PENDING.name());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private Long firstDeliveredWithSameContent(Connection c, SourceRow source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select min(source_id) from delivery where content_sha256 = ? "
                + "and state = ?")) {
            ps.setString(1, source.sha256());
            ps.setString(2, DeliveryState.ACCEPTED.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? null : id;
            }
        }
    }

    public Optional<SourceRow> source(long id) {
        return inTransaction(c -> source(c, id));
    }

    public List<SourceRow> sourcesNamed(String name) {
        return inTransaction(c -> {
            List<SourceRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + SOURCE_COLUMNS
                    + " from source_file where name = ? order by id")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(sourceRow(rs));
                    }
                }
            }
            return rows;
        });
    }

    // --- deliveries ---------------------------------------------------------------------------------------

    /**
     * Claims (content, target, chunk) for this source file. One transaction: a fresh key is inserted, a
     * replayable or released one is taken over, anything else is reported as it stands.
     */
    public Claim claim(long sourceId, String contentSha256, String target, int chunkNo, int chunkCount) {
        String token = nodeId + ":" + UUID.randomUUID();
        return inTransaction(c -> {
            Optional<DeliveryRow> existing = deliveryByKey(c, contentSha256, target, chunkNo);
            if (existing.isEmpty()) {
                try {
                    return new Claim(Claim.Outcome.CLAIMED,
                            insertDelivery(c, sourceId, contentSha256, target, chunkNo, chunkCount, token));
                } catch (SQLException uniqueViolation) {
                    // another node inserted the same key between our read and our insert
                    throw new IllegalTransitionException("claim race on " + target + " chunk " + chunkNo);
                }
            }
            DeliveryRow row = existing.get();
            boolean released = row.state() == DeliveryState.CLAIMED && claimedBy(c, row.id()) == null;
            boolean explicitReplayOfUncertain = row.state() == DeliveryState.UNCERTAIN
                    && FailureCode.DELIVERY_UNCERTAIN.name().equals(row.errorCode());
            if (row.state() == DeliveryState.ACCEPTED) {
                return new Claim(Claim.Outcome.ALREADY_ACCEPTED, row.id());
            }
            if (row.state() == DeliveryState.UNCERTAIN && !explicitReplayOfUncertain) {
                return new Claim(Claim.Outcome.UNCERTAIN, row.id());
            }
            if (row.state().replayable() || released || explicitReplayOfUncertain) {
                try (PreparedStatement ps = c.prepareStatement("update delivery set state = ?, source_id = ?, "
                        + "chunk_count = ?, claimed_by = ?, error_code = null, error_message = null, "
                        + "retryable = null, updated_at = ? where id = ? and state = ? "
                        // a released claim is taken by one node only: the winner's token makes it unreleased
                        + "and (state <> 'CLAIMED' or claimed_by is null)")) {
                    ps.setString(1, DeliveryState.CLAIMED.name());
                    ps.setLong(2, sourceId);
                    ps.setInt(3, chunkCount);
                    ps.setString(4, token);
                    ps.setTimestamp(5, now());
                    ps.setLong(6, row.id());
                    ps.setString(7, row.state().name());
                    if (ps.executeUpdate() == 1) {
                        return new Claim(Claim.Outcome.CLAIMED, row.id());
                    }
                }
            }
            return new Claim(Claim.Outcome.IN_FLIGHT, row.id());
        });
    }

    /** Records the chunk's own integrity facts once they are known. */
    public void describeChunk(long deliveryId, String chunkMd5, long chunkBytes, long chunkRows) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update delivery set chunk_md5 = ?, chunk_bytes = ?, "
                    + "chunk_rows = ?, updated_at = ? where id = ?")) {
                ps.setString(1, chunkMd5);
                ps.setLong(2, chunkBytes);
                ps.setLong(3, chunkRows);
                ps.setTimestamp(4, now());
                ps.setLong(5, deliveryId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** CLAIMED to SENDING, and a new attempt: from here a crash means the outcome is unknown. */
    public int markSending(long deliveryId) {
        return inTransaction(c -> {
            transition(c, deliveryId, DeliveryState.SENDING, null);
            return openAttempt(c, deliveryId);
        });
    }

    /** A redelivery of a request that surely did not arrive: the delivery stays SENDING, the attempt is new. */
    public int recordRetry(long deliveryId) {
        return inTransaction(c -> openAttempt(c, deliveryId));
    }

    public void closeAttempt(long deliveryId, String outcome, Integer httpStatus, FailureCode code, String excerpt) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update delivery_attempt set finished_at = ?, "
                    + "outcome = ?, http_status = ?, error_code = ?, response_excerpt = ? where delivery_id = ? "
                    + "and finished_at is null")) {
                ps.setTimestamp(1, now());
                ps.setString(2, outcome);
                if (httpStatus == null) {
                    ps.setNull(3, Types.INTEGER);
                } else {
                    ps.setInt(3, httpStatus);
                }
                ps.setString(4, code == null ? null : code.name());
                ps.setString(5, UsageBridgeFailure.cut(excerpt));
                ps.setLong(6, deliveryId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void markAccepted(long deliveryId, String remoteId, String remoteStatus, String remoteResponse) {
        inTransaction(c -> {
            transition(c, deliveryId, DeliveryState.ACCEPTED, null);
            try (PreparedStatement ps = c.prepareStatement("update delivery set remote_id = ?, remote_status = ?, "
                    + "remote_response = ?, claimed_by = null where id = ?")) {
                ps.setString(1, remoteId);
                ps.setString(2, remoteStatus);
                ps.setString(3, UsageBridgeFailure.cut(remoteResponse));
                ps.setLong(4, deliveryId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Records a failure on a delivery: REJECTED, FAILED or UNCERTAIN, with its code and the target's reply. */
    public void markFailed(long deliveryId, DeliveryState state, UsageBridgeFailure failure) {
        inTransaction(c -> {
            DeliveryState current = deliveryById(c, deliveryId).orElseThrow().state();
            if (current != state) {
                transition(c, deliveryId, state, null);
            }
            try (PreparedStatement ps = c.prepareStatement("update delivery set error_code = ?, error_message = ?, "
                    + "retryable = ?, remote_response = coalesce(?, remote_response), claimed_by = null, "
                    + "updated_at = ? where id = ?")) {
                ps.setString(1, failure.code().name());
                ps.setString(2, UsageBridgeFailure.cut(failure.getMessage()));
                ps.setBoolean(3, failure.retryable());
                ps.setString(4, failure.targetReply());
                ps.setTimestamp(5, now());
                ps.setLong(6, deliveryId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The target took the job (remote id): from now on it is followed until its final status. */
    public void markPolling(long deliveryId, String remoteId, String remoteResponse, Instant firstPoll,
                            Instant deadline) {
        inTransaction(c -> {
            transition(c, deliveryId, DeliveryState.POLLING, null);
            try (PreparedStatement ps = c.prepareStatement("update delivery set remote_id = ?, remote_response = ?, "
                    + "next_poll_at = ?, poll_deadline = ?, claimed_by = null where id = ?")) {
                ps.setString(1, remoteId);
                ps.setString(2, UsageBridgeFailure.cut(remoteResponse));
                ps.setTimestamp(3, Timestamp.from(firstPoll));
                ps.setTimestamp(4, Timestamp.from(deadline));
                ps.setLong(5, deliveryId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** How many deliveries are being followed at their targets now. */
    public long countPolling() {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from delivery where state = ?")) {
                ps.setString(1, DeliveryState.POLLING.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Deliveries whose next status check is due. */
    public List<DeliveryRow> duePolls(int limit) {
        return inTransaction(c -> {
            List<DeliveryRow> due = deliveries(c, "state = ? and next_poll_at <= ?", DeliveryState.POLLING.name(),
                    now());
            return due.size() > limit ? due.subList(0, limit) : due;
        });
    }

    /** Still processing remotely: note the status and when to ask again. */
    public void pollAgain(long deliveryId, String remoteStatus, Instant nextPoll) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update delivery set polls = polls + 1, remote_status = ?, "
                    + "next_poll_at = ?, updated_at = ? where id = ? and state = ?")) {
                ps.setString(1, remoteStatus);
                ps.setTimestamp(2, Timestamp.from(nextPoll));
                ps.setTimestamp(3, now());
                ps.setLong(4, deliveryId);
                ps.setString(5, DeliveryState.POLLING.name());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The remote job's final counts and where its result file is kept. */
    public void recordRemoteOutcome(long deliveryId, String remoteStatus, Long total, Long imported, Long failed,
                                    String resultPath) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update delivery set polls = polls + 1, remote_status = ?, "
                    + "remote_total = ?, remote_imported = ?, remote_failed = ?, result_path = ?, next_poll_at = null, "
                    + "updated_at = ? where id = ?")) {
                ps.setString(1, remoteStatus);
                setLong(ps, 2, total);
                setLong(ps, 3, imported);
                setLong(ps, 4, failed);
                ps.setString(5, resultPath);
                ps.setTimestamp(6, now());
                ps.setLong(7, deliveryId);
                ps.executeUpdate();
            }
            return null;
        });
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

    public List<AttemptRow> attemptsOf(long deliveryId) {
        return inTransaction(c -> {
            List<AttemptRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select delivery_id, attempt_no, started_at, finished_at, "
                    + "outcome, http_status, error_code, response_excerpt from delivery_attempt where delivery_id = ? "
                    + "order by attempt_no")) {
                ps.setLong(1, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int status = rs.getInt(6);
                        Integer httpStatus = rs.wasNull() ? null : status;
                        rows.add(new AttemptRow(rs.getLong(1), rs.getInt(2), instant(rs.getTimestamp(3)),
                                instant(rs.getTimestamp(4)), rs.getString(5), httpStatus, rs.getString(7),
                                rs.getString(8)));
                    }
                }
            }
            return rows;
        });
    }

    /**
     * At start: this node's source files still RECEIVED were cut short (INTERRUPTED; the file comes again);
     * its claims taken before a crash are released so the file, still in the inbox, claims
     * them again; sends cut short become UNCERTAIN unless the target dedups retries by an idempotency key.
     *
     * @return the number of deliveries recovered
     */
    public int recoverInFlight(Set<String> targetsWithIdempotencyKey) {
        return inTransaction(c -> {
            int recovered = 0;
            try (PreparedStatement ps = c.prepareStatement("update source_file set state = ?, finished_at = ? "
                    + "where state = ? and node_id = ?")) {
                ps.setString(1, SourceState.INTERRUPTED.name());
                ps.setTimestamp(2, now());
                ps.setString(3, SourceState.RECEIVED.name());
                ps.setString(4, nodeId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("update delivery set claimed_by = null, updated_at = ? "
                    + "where state = ? and claimed_by like ? escape '!'")) {
                ps.setTimestamp(1, now());
                ps.setString(2, DeliveryState.CLAIMED.name());
                ps.setString(3, ownClaims());
                recovered += ps.executeUpdate();
            }
            for (DeliveryRow row : deliveries(c, "state = ? and claimed_by like ? escape '!'",
                    DeliveryState.SENDING.name(), ownClaims())) {
                boolean resendable = targetsWithIdempotencyKey.contains(row.target());
                try (PreparedStatement ps = c.prepareStatement("update delivery set state = ?, claimed_by = null, "
                        + "updated_at = ? where id = ? and state = ?")) {
                    ps.setString(1, (resendable ? DeliveryState.CLAIMED : DeliveryState.UNCERTAIN).name());
                    ps.setTimestamp(2, now());
                    ps.setLong(3, row.id());
                    ps.setString(4, DeliveryState.SENDING.name());
                    recovered += ps.executeUpdate();
                }
            }
            return recovered;
        });
    }

    /** LIKE pattern of this node's claim tokens; '_' and '%' in a node id are literal, not wildcards. */
    private String ownClaims() {
        return nodeId.replace("!", "!!").replace("%", "!%").replace("_", "!_") + ":%";
    }

    // --- plumbing -----------------------------------------------------------------------------------------

    private void transition(Connection c, long deliveryId, DeliveryState to, String claimToken) throws SQLException {
        DeliveryState from = deliveryById(c, deliveryId)
                .orElseThrow(() -> new IllegalTransitionException("no delivery " + deliveryId)).state();
        if (!from.canMoveTo(to)) {
            throw new IllegalTransitionException(deliveryId, from, to);
        }
        try (PreparedStatement ps = c.prepareStatement("update delivery set state = ?, updated_at = ? "
                + "where id = ? and state = ?")) {
            ps.setString(1, to.name());
            ps.setTimestamp(2, now());
            ps.setLong(3, deliveryId);
            ps.setString(4, from.name());
            if (ps.executeUpdate() != 1) {
                throw new IllegalTransitionException(deliveryId, from, to);
            }
        }
    }

    private int openAttempt(Connection c, long deliveryId) throws SQLException {
        int attemptNo;
        try (PreparedStatement ps = c.prepareStatement("update delivery set attempts = attempts + 1, updated_at = ? "
                + "where id = ?")) {
            ps.setTimestamp(1, now());
            ps.setLong(2, deliveryId);
            ps.executeUpdate();
        }
        attemptNo = deliveryById(c, deliveryId).orElseThrow().attempts();
        try (PreparedStatement ps = c.prepareStatement("insert into delivery_attempt (delivery_id, attempt_no, "
                + "started_at) values (?,?,?)")) {
            ps.setLong(1, deliveryId);
            ps.setInt(2, attemptNo);
            ps.setTimestamp(3, now());
            ps.executeUpdate();
        }
        return attemptNo;
    }

    private long insertDelivery(Connection c, long sourceId, String sha, String target, int chunkNo, int chunkCount,
                                String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into delivery (source_id, content_sha256, target, "
                + "chunk_no, chunk_count, state, claimed_by, created_at, updated_at) values (?,?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            Timestamp now = now();
            ps.setLong(1, sourceId);
            ps.setString(2, sha);
            ps.setString(3, target);
            ps.setInt(4, chunkNo);
            ps.setInt(5, chunkCount);
            ps.setString(6, DeliveryState.CLAIMED.name());
            ps.setString(7, token);
            ps.setTimestamp(8, now);
            ps.setTimestamp(9, now);
            ps.executeUpdate();
            return generatedId(ps);
        }
    }

    private String claimedBy(Connection c, long deliveryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select claimed_by from delivery where id = ?")) {
            ps.setLong(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private Optional<DeliveryRow> deliveryByKey(Connection c, String sha, String target, int chunkNo)
            throws SQLException {
        List<DeliveryRow> rows = deliveries(c, "content_sha256 = ? and target = ? and chunk_no = ?", sha, target,
                chunkNo);
        return rows.stream().findFirst();
    }

    private Optional<DeliveryRow> deliveryById(Connection c, long id) throws SQLException {
        return deliveries(c, "id = ?", id).stream().findFirst();
    }

    private List<DeliveryRow> deliveries(Connection c, String where, Object... args) throws SQLException {
        List<DeliveryRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + DELIVERY_COLUMNS + " from delivery where " + where
                + " order by id")) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long bytes = rs.getLong(8);
                    Long chunkBytes = rs.wasNull() ? null : bytes;
                    long rowCount = rs.getLong(9);
                    Long chunkRows = rs.wasNull() ? null : rowCount;
                    boolean retry = rs.getBoolean(16);
                    Boolean retryable = rs.wasNull() ? null : retry;
                    rows.add(new DeliveryRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), rs.getString(7), chunkBytes, chunkRows,
                            DeliveryState.valueOf(rs.getString(10)), rs.getString(11), rs.getString(12),
                            rs.getString(13), rs.getString(14), rs.getString(15), retryable, rs.getInt(17),
                            instant(rs.getTimestamp(18)), instant(rs.getTimestamp(19)), rs.getInt(20),
                            instant(rs.getTimestamp(21)), instant(rs.getTimestamp(22)), nullableLong(rs, 23),
                            nullableLong(rs, 24), nullableLong(rs, 25), rs.getString(26)));
                }
            }
        }
        return rows;
    }

    private Optional<SourceRow> source(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + SOURCE_COLUMNS + " from source_file where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(sourceRow(rs)) : Optional.empty();
            }
        }
    }

    private static SourceRow sourceRow(ResultSet rs) throws SQLException {
        long dup = rs.getLong(10);
        Long duplicateOf = rs.wasNull() ? null : dup;
        return new SourceRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getLong(8), SourceState.valueOf(rs.getString(9)), duplicateOf,
                rs.getString(11), rs.getString(12), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)),
                rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private <T> T inTransaction(LedgerTransactions.Work<T> work) {
        return LedgerTransactions.inTransaction(dataSource, work);
    }
}
