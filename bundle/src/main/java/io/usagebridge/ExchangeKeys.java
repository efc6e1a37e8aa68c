package io.usagebridge;

/**
 * Names of the exchange properties the stages share. Properties, not headers: headers would leak to targets as
 * HTTP headers.
 */
public final class ExchangeKeys {

    public static final String SOURCE_ID = "UsageBridgeSourceId";
    public static final String SOURCE_NAME = "UsageBridgeSourceName";
    public static final String ORIGIN = "UsageBridgeOrigin";
    public static final String WORK_DIR = "UsageBridgeWorkDir";
    public static final String WORK_FILE = "UsageBridgeWorkFile";
    public static final String SHA256 = "UsageBridgeSha256";
    public static final String TARGET = "UsageBridgeTarget";
    /** The place a send holds at its target's gate (io.usagebridge.pacing), until its call returned. */
    public static final String SEND_PERMIT = "UsageBridgeSendPermit";
    public static final String CHUNK = "UsageBridgeChunk";
    public static final String DELIVERY_ID = "UsageBridgeDeliveryId";
    public static final String CLAIMED = "UsageBridgeClaimed";
    /** A parked retry the ledger found due: its wait was kept there, so a target's learned hold does not hold it. */
    public static final String DUE_RETRY = "UsageBridgeDueRetry";
    /** The claimed delivery's key generation: part of an idempotency key, new for a deliberate second send. */
    public static final String KEY_GENERATION = "UsageBridgeKeyGeneration";
    /** The rows per chunk an earlier delivery of this content cut for the target (empty: cut by the limits). */
    public static final String CHUNK_PLAN = "UsageBridgeChunkPlan";
    /** The intake route that took the file (where its original can be moved later). */
    public static final String INTAKE_ROUTE = "UsageBridgeIntakeRoute";
    public static final String STAGE = "UsageBridgeStage";
    public static final String FAILURES = "UsageBridgeFailures";
    /** Where the original goes for each outcome: set by the intake templates (folder-source, sftp-source). */
    public static final String DONE_DIR = "UsageBridgeDoneDir";
    public static final String FAILED_DIR = "UsageBridgeFailedDir";
    public static final String DUPLICATE_DIR = "UsageBridgeDuplicateDir";
    public static final String INFLIGHT_DIR = "UsageBridgeInflightDir";
    public static final String SIDECAR_DIR = "UsageBridgeSidecarDir";
    /** True when the outcome folders are local paths (folder intake), false for remote ones (SFTP). */
    public static final String LOCAL_OUTCOME = "UsageBridgeLocalOutcome";
    public static final String OUTCOME = "UsageBridgeOutcome";
    public static final String MOVE_TO = "UsageBridgeMoveTo";
    /** Set when the intake endpoint's move of the original failed on commit (see intake.MoveFailures). */
    public static final String MOVE_FAILED = "UsageBridgeMoveFailed";
    public static final String REMOTE_ID = "UsageBridgeRemoteId";
    public static final String REMOTE_STATUS = "UsageBridgeRemoteStatus";
    public static final String REMOTE_RESPONSE = "UsageBridgeRemoteResponse";
    /** Why the target says a job failed, in its own words (goes into the failure's message). */
    public static final String REMOTE_REASON = "UsageBridgeRemoteReason";

    /** The ledger row of the delivery whose remote status is being checked. */
    public static final String DELIVERY_ROW = "UsageBridgeDeliveryRow";
    /** What a status check found: PENDING, ACCEPTED or REJECTED (see RemoteOutcome). */
    public static final String POLL_OUTCOME = "UsageBridgePollOutcome";
    public static final String REMOTE_TOTAL = "UsageBridgeRemoteTotal";
    public static final String REMOTE_IMPORTED = "UsageBridgeRemoteImported";
    public static final String REMOTE_FAILED = "UsageBridgeRemoteFailed";
    /** A result file the target produced, downloaded into the work folder. */
    public static final String RESULT_FILE = "UsageBridgeResultFile";
    /** The failure code a remote rejection maps to (with REMOTE_RESPONSE as the target's words). */
    public static final String REMOTE_FAILURE_CODE = "UsageBridgeRemoteFailureCode";

    /** The request a target's call route sends: URI and method (set before the call, applied inside it). */
    public static final String REQUEST_URI = "UsageBridgeRequestUri";
    public static final String REQUEST_METHOD = "UsageBridgeRequestMethod";
    /** Where a remote job's result file can be downloaded. */
    public static final String RESULT_URL = "UsageBridgeResultUrl";

    /**
     * A dry run's record of one source file (io.usagebridge.preview.DryRunFile): set, a send route writes the
     * request it prepared to the preview and stops before the send; nothing reaches a target.
     */
    public static final String DRY_RUN = "UsageBridgeDryRun";
    /** What a target's sign step prepared for the chunk (io.usagebridge.preview.PreparedRequest), as data. */
    public static final String PREPARED_REQUEST = "UsageBridgePreparedRequest";

    /** The SOAP call a target's call route makes next (see ZuoraSoapRequest): data, built into an envelope there. */
    public static final String SOAP_REQUEST = "UsageBridgeSoapRequest";

    /** The name the target is shown for this delivery (an Import Name): set by a target's sign step, recorded. */
    public static final String SENT_NAME = "UsageBridgeSentName";
    /** A lookup of an uncertain send at its target: the name and MD5 it was sent with, and when it was sent. */
    public static final String LOOKUP_NAME = "UsageBridgeLookupName";
    public static final String LOOKUP_MD5 = "UsageBridgeLookupMd5";
    public static final String LOOKUP_SINCE = "UsageBridgeLookupSince";
    /** What the lookup found: FOUND (REMOTE_ID is the job) or NOT_FOUND. */
    public static final String LOOKUP_OUTCOME = "UsageBridgeLookupOutcome";

    private ExchangeKeys() {
    }
}
