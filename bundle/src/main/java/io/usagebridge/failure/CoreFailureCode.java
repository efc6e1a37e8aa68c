package io.usagebridge.failure;

/**
 * The stable error codes of the core (intake, CSV contracts, routing, transport, retries, uncertain sends): they
 * appear in the ledger, in {@code <file>.error.json} and in metrics, so a code is never renamed once released. A
 * target type adds its own codes in its own package.
 */
public enum CoreFailureCode implements FailureCode {
    FILE_EMPTY(false, "the file has no bytes"),
    FILE_NAME_INVALID(false, "the file's name holds a control character (a line feed, a tab...): it is never taken, "
            + "a WARN with the name escaped says so once; rename it"),
    FILE_IS_SYMBOLIC_LINK(false, "the inbox entry is a symbolic link: never followed, so its target (which may lie "
            + "outside the inbox) is neither read nor moved; put the file itself into the inbox"),
    FILE_UNREADABLE(false, "the file cannot be read (its permissions): nothing of it was read or sent; fix them and "
            + "move it back into the inbox"),
    CSV_HEADER_ONLY(false, "the file has a header but no data rows"),
    CSV_HEADER_INVALID(false, "a required column is missing or a column is not part of the target's contract"),
    CSV_NOT_UTF8(false, "the file is not valid UTF-8"),
    CSV_ROW_MALFORMED(false, "a row cannot be parsed as CSV or has the wrong number of values"),
    CSV_VALUE_INVALID(false, "a value breaks the target's contract (required, date, number)"),
    CSV_RECORD_TOO_LONG(false, "a record (the header too) is longer than csv.max-record-chars characters"),
    CSV_FIELD_TOO_LONG(false, "a value (or column name) is longer than csv.max-field-chars characters"),
    CSV_QUOTE_UNTERMINATED(false, "a double quote is never closed: the file ends inside a quoted value"),
    USAGE_PERIOD_INVALID(false, "a usage start is after its end"),
    USAGE_KEY_DUPLICATE(false, "two rows of one file have one row key (Zuora's UNIQUE_KEY, given or derived): the "
            + "target fails the whole import on it, so nothing was sent; the message names both lines"),
    ROUTING_NO_TARGET(false, "no routing rule matches the file"),
    ROUTING_VALUE_UNKNOWN(false, "a row's routing column names no configured target"),
    TARGET_LIMIT_EXCEEDED(false, "a single row does not fit the target's chunk limit"),
    TARGET_CONFIG_INVALID(false, "the target's configuration is incomplete or contradictory"),
    TARGET_UNREACHABLE(true, "the target refused or did not accept the connection: nothing was sent"),
    TLS_NOT_TRUSTED(false, "the target's server showed a TLS certificate that its trust (target.<id>.trust-store, "
            + "else the JDK's default trust store) does not accept, or that does not name the host: the handshake "
            + "failed before any byte of the request was sent; a configuration error, not retried"),
    TARGET_UNAVAILABLE(true, "the target answered 503 (or a SOAP SERVER_UNAVAILABLE): it did not process the request"),
    TARGET_SERVER_ERROR(true, true, "the target answered 500, 502, 504 or another 5xx after the request was written: "
            + "it may have stored it; resent only to a target that deduplicates repeats, else uncertain"),
    TARGET_RATE_LIMITED(true, "the target answered 429: it did not process the request"),
    TARGET_HTTP_ERROR(false, "the target answered a 4xx status"),
    URL_NOT_ALLOWED(false, "a URL from the target's answer is off its allow-list (another host or port, plain http, "
            + "user info): nothing and no credential was sent to it (target.<id>.allowed-hosts)"),
    DELIVERY_UNCERTAIN(false, true, "the request may have reached the target but no answer came: never resent on its "
            + "own; a lookup at the target or an operator resolves it (resolve --delivered | --resend)"),
    TARGET_REPLY_TOO_LARGE(false, true, "the target's answer is longer than http.max-reply-bytes: it was not read "
            + "further, so whether the target took the request is unknown"),
    TARGET_REPLY_UNREADABLE(false, true, "the target answered, but not in the form it documents (an HTML page "
            + "instead of JSON): whether it took the request is unknown"),
    RESULT_FILE_TOO_LARGE(false, "the target's result file is longer than http.max-result-bytes: not kept (the part "
            + "saved is deleted); the job's status still decides the delivery"),
    LOCAL_IO_ERROR(true, "reading or writing a local file failed before anything was sent"),
    CHUNK_PLAN_MISMATCH(false, "the rows for a target differ from an earlier delivery of this content (its chunks are "
            + "fixed by the first delivery): routing or validation changed"),
    CHUNK_UNAVAILABLE(false, "a parked retry's chunk file is gone from the work folder: replay the original"),
    REMOTE_JOB_FAILED(false, "the target processed the file and reported it failed"),
    REMOTE_JOB_STOPPED(false, "the job was stopped at the target on request"),
    REMOTE_STATUS_TIMEOUT(false, true, "the target did not reach a final status within the poll timeout: uncertain, "
            + "never resent on its own"),
    INTERNAL_ERROR(false, "an unexpected error inside UsageBridge");

    private final boolean retryable;
    private final boolean mayHaveArrived;
    private final String meaning;

    CoreFailureCode(boolean retryable, String meaning) {
        this(retryable, false, meaning);
    }

    CoreFailureCode(boolean retryable, boolean mayHaveArrived, String meaning) {
        this.retryable = retryable;
        this.mayHaveArrived = mayHaveArrived;
        this.meaning = meaning;
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
