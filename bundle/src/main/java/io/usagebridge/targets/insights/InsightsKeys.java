package io.usagebridge.targets.insights;

/** Exchange properties of the Insights batch routes (properties, so none leaks to a target as an HTTP header). */
final class InsightsKeys {

    /** The {@link BatchFolder} a batch exchange is about. */
    static final String BATCH = "UsageBridgeInsightsBatch";
    /** The ledger id of a batch this node claimed; unset when the batch is not to be sent now. */
    static final String BATCH_ID = "UsageBridgeInsightsBatchId";
    /** The batch's one batchDate, as the ledger holds it. */
    static final String BATCH_DATE = "UsageBridgeInsightsBatchDate";
    static final String DATA_SOURCE = "UsageBridgeInsightsDataSource";
    static final String RECORD_TYPE = "UsageBridgeInsightsRecordType";
    /** The record type's file, read in place from the batch folder. */
    static final String RECORD_FILE = "UsageBridgeInsightsRecordFile";
    /** What the fingerprinting pass learnt about the file (see {@link FileScan}). */
    static final String FILE_SCAN = "UsageBridgeInsightsFileScan";
    /** The signed URL of the current attempt; a credential for an hour: never logged or recorded. */
    static final String SIGNED_URL = "UsageBridgeInsightsSignedUrl";

    private InsightsKeys() {
    }
}
