package io.usagebridge.targets.insights;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;

/**
 * The stable error codes of the Zuora Insights batch target (see {@link FailureCode}); never renamed once released.
 */
public enum InsightsFailureCode implements FailureCode {
    JSON_RECORD_INVALID(false, "a JSON line is not one object, or its keys are invalid or differ from the first's"),
    INSIGHTS_BYTE_ORDER_MARK(false, "the file starts with a UTF-8 byte order mark, which the Batch API's store refuses"),
    INSIGHTS_BATCH_INCOMPLETE(false, "an Insights batch still misses record types at its deadline"),
    INSIGHTS_BATCH_INVALID(false, "an Insights batch folder holds a file of no record type, or two of one"),
    INSIGHTS_AUTH_FAILED(false, "Insights: Please authenticate to access this resource (the API token, HTTP 401)"),
    INSIGHTS_DATA_SOURCE_UNKNOWN(false, "Insights: Invalid query parameter dataSource"),
    INSIGHTS_RECORD_TYPE_UNKNOWN(false, "Insights: Invalid query parameter recordType"),
    INSIGHTS_BATCH_DATE_INVALID(false, "Insights: Invalid ISO timestamp (the batchDate)"),
    INSIGHTS_UNEXPECTED_REPLY(false, "Insights answered the upload-URL call without a usable signedUrl"),
    INSIGHTS_SIGNED_URL_EXPIRED(true, "the signed URL expired; a new one is asked, with the same batchDate"),
    INSIGHTS_SIGNED_URL_REFUSED(false, "the signed URL is not https, its host is not allowed, or it redirected"),
    INSIGHTS_SIGNATURE_MISMATCH(false, "the store refused the signed URL's signature (SignatureDoesNotMatch)"),
    INSIGHTS_FILE_CHANGED(false, "a record file's bytes changed after its check (while checked, or before its upload "
            + "ended): the upload was cut before its last bytes, nothing unchecked is stored; replay the batch");

    private final boolean retryable;
    private final boolean mayHaveArrived;
    private final String meaning;

    InsightsFailureCode(boolean retryable, String meaning) {
        this(retryable, false, meaning);
    }

    InsightsFailureCode(boolean retryable, boolean mayHaveArrived, String meaning) {
        this.retryable = retryable;
        this.mayHaveArrived = mayHaveArrived;
        this.meaning = meaning;
    }

    /** A recorded code read back: one of this target's or the core's; an unknown name is an internal error. */
    public static FailureCode named(String name) {
        for (FailureCode[] codes : new FailureCode[][] {values(), CoreFailureCode.values()}) {
            for (FailureCode code : codes) {
                if (code.name().equals(name)) {
                    return code;
                }
            }
        }
        return CoreFailureCode.INTERNAL_ERROR;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }

    @Override
    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
