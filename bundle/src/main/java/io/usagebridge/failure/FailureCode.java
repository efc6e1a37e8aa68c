package io.usagebridge.failure;

/**
 * Stable error codes: they appear in the ledger, in {@code <file>.error.json} and in metrics, so a code is
 * never renamed once released. {@code retryable} is the default; a failure may override it.
 */
public enum FailureCode {
    FILE_EMPTY(false, "the file has no bytes"),
    CSV_HEADER_ONLY(false, "the file has a header but no data rows"),
    CSV_HEADER_INVALID(false, "a required column is missing or a column is not part of the target's contract"),
    CSV_NOT_UTF8(false, "the file is not valid UTF-8"),
    CSV_ROW_MALFORMED(false, "a row cannot be parsed as CSV or has the wrong number of values"),
    CSV_VALUE_INVALID(false, "a value breaks the target's contract (required, date, number)"),
    USAGE_PERIOD_INVALID(false, "a usage start is after its end"),
    ROUTING_NO_TARGET(false, "no routing rule matches the file"),
    ROUTING_VALUE_UNKNOWN(false, "a row's routing column names no configured target"),
    TARGET_LIMIT_EXCEEDED(false, "a single row does not fit the target's chunk limit"),
    TARGET_CONFIG_INVALID(false, "the target's configuration is incomplete or contradictory"),
    TWOCHECKOUT_INVALID_ACCOUNT(false, "2Checkout: Invalid account!"),
    TWOCHECKOUT_FILE_MD5_MISMATCH(false, "2Checkout: Bad signature on the received file!"),
    TWOCHECKOUT_INVALID_SIGNATURE(false, "2Checkout: Invalid signature"),
    TWOCHECKOUT_UNEXPECTED_REPLY(false, "2Checkout answered something that is neither success nor a documented error"),
    TARGET_UNREACHABLE(true, "the target refused or did not accept the connection: nothing was sent"),
    TARGET_UNAVAILABLE(true, "the target answered 503 (or a SOAP SERVER_UNAVAILABLE): it did not process the request"),
    TARGET_SERVER_ERROR(true, true, "the target answered 500, 502, 504 or another 5xx after the request was written: "
            + "it may have stored it; resent only to a target that deduplicates repeats, else uncertain"),
    TARGET_RATE_LIMITED(true, "the target answered 429: it did not process the request"),
    TARGET_HTTP_ERROR(false, "the target answered a 4xx status"),
    DELIVERY_UNCERTAIN(false, true, "the request may have reached the target but no answer came: never resent on its "
            + "own; a lookup at the target or an operator resolves it (resolve --delivered | --resend)"),
    LOCAL_IO_ERROR(true, "reading or writing a local file failed before anything was sent"),
    CHUNK_PLAN_MISMATCH(false, "the rows for a target differ from an earlier delivery of this content (its chunks are "
            + "fixed by the first delivery): routing or validation changed"),
    CHUNK_UNAVAILABLE(false, "a parked retry's chunk file is gone from the work folder: replay the original"),
    REMOTE_JOB_FAILED(false, "the target processed the file and reported it failed"),
    REMOTE_JOB_STOPPED(false, "the job was stopped at the target on request"),
    REMOTE_STATUS_TIMEOUT(false, true, "the target did not reach a final status within the poll timeout: uncertain, "
            + "never resent on its own"),
    ZUORA_REQUEST_REJECTED(false, "Zuora answered success=false; its reasons are in the reply"),
    ZUORA_AUTH_FAILED(false, "Zuora refused the OAuth client credentials or a fresh token"),
    IDEMPOTENCY_KEY_CONFLICT(false, "Zuora saw this Idempotency-Key with another body (HTTP 422)"),
    IDEMPOTENT_REQUEST_IN_FLIGHT(true, "Zuora is still processing the first request with this Idempotency-Key (HTTP 409)"),
    ZUORA_LOGIN_FAILED(false, "Zuora refused the SOAP login(): check the user name and password"),
    ZUORA_SESSION_INVALID(true, "Zuora answered INVALID_SESSION; UsageBridge logs in again and retries the call once"),
    ZUORA_SOAP_FAULT(false, "Zuora answered a SOAP fault (its FaultCode and message are in the reply)"),
    ZUORA_IMPORT_NO_FILE_NAME(false, "Zuora: Cannot detect the file name from your Content-Type"),
    ZUORA_IMPORT_MD5_MISMATCH(false, "Zuora: File MD5 verification error"),
    ZUORA_IMPORT_TOO_LARGE(false, "Zuora: The import file exceeds the maximum file size of 4194304 bytes"),
    ZUORA_IMPORT_ZIP_HAS_DIRECTORY(false, "Zuora: The zip file cannot contain a directory"),
    ZUORA_IMPORT_REJECTED(false, "Zuora's create() refused the Import for another reason (its Errors are in the reply)"),
    JSON_RECORD_INVALID(false, "a JSON line is not one object, or its keys are invalid or differ from the first's"),
    INSIGHTS_BATCH_INCOMPLETE(false, "an Insights batch still misses record types at its deadline"),
    INSIGHTS_BATCH_INVALID(false, "an Insights batch folder holds a file of no record type, or two of one"),
    INSIGHTS_AUTH_FAILED(false, "Insights: Please authenticate to access this resource (the API token, HTTP 401)"),
    INSIGHTS_DATA_SOURCE_UNKNOWN(false, "Insights: Invalid query parameter dataSource"),
    INSIGHTS_RECORD_TYPE_UNKNOWN(false, "Insights: Invalid query parameter recordType"),
    INSIGHTS_BATCH_DATE_INVALID(false, "Insights: Invalid ISO timestamp (the batchDate)"),
    INSIGHTS_UNEXPECTED_REPLY(false, "Insights answered the upload-URL call without a usable signedUrl"),
    INSIGHTS_SIGNED_URL_EXPIRED(true, "the signed URL expired (valid 1 h); a new one is asked, same batchDate"),
    INSIGHTS_SIGNED_URL_REFUSED(false, "the signed URL is not https, its host is not allowed, or it redirected"),
    INSIGHTS_SIGNATURE_MISMATCH(false, "the store refused the signed URL's signature (SignatureDoesNotMatch)"),
    INTERNAL_ERROR(false, "an unexpected error inside UsageBridge");

    private final boolean retryable;
    private final boolean mayHaveArrived;
    private final String meaning;

    FailureCode(boolean retryable, String meaning) {
        this(retryable, false, meaning);
    }

    FailureCode(boolean retryable, boolean mayHaveArrived, String meaning) {
        this.retryable = retryable;
        this.mayHaveArrived = mayHaveArrived;
        this.meaning = meaning;
    }

    public boolean retryable() {
        return retryable;
    }

    /**
     * True when, once the request was written, this failure leaves open whether the target stored it: a resend is
     * then safe only where the target deduplicates repeats.
     */
    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }

    public String meaning() {
        return meaning;
    }
}
