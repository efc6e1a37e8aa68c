package io.usagebridge.targets.zuora.soap;

/**
 * The contract of {@value #ENDPOINT}: did a create() whose reply was lost (a timeout, a reset after the request
 * was written, a crash) make its Import? create() has no idempotency key, but Zuora can tell: query() finds the
 * Import by the Name and Md5 it was sent, created after the attempt began. The caller sets {@link #NAME},
 * {@link #MD5}, {@link #SINCE} and {@code ExchangeKeys.TARGET} as exchange properties; the route answers in
 * {@link #OUTCOME}, and on {@link #FOUND} in {@code ExchangeKeys.REMOTE_ID} (the Import Id: of several matches,
 * the earliest created), {@code REMOTE_STATUS} (its Status) and {@code REMOTE_RESPONSE} (what matched, and how
 * many). The route has no error handler: a failed call (a SOAP fault, an HTTP error, no answer, a refused
 * session) or a bad property throws back to the caller, and never means {@link #NOT_FOUND}: ask again later.
 */
public final class ZuoraImportLookup {

    public static final String ENDPOINT = "direct:lookup-zuora-soap-import";
    public static final String ROUTE_ID = "lookup-zuora-soap-import";

    /** In, String: the Import Name the uncertain create() sent (ZuoraFileNames.importName of the source). */
    public static final String NAME = "UsageBridgeLookupName";
    /** In, String: the Md5 it sent, 32 hex digits: the MD5 of exactly the attached bytes (the ledger's chunk_md5). */
    public static final String MD5 = "UsageBridgeLookupMd5";
    /** In, java.time.Instant: when the uncertain attempt started (the ledger's delivery_attempt.started_at). */
    public static final String SINCE = "UsageBridgeLookupSince";

    /** Out, String: {@link #FOUND} or {@link #NOT_FOUND}. */
    public static final String OUTCOME = "UsageBridgeLookupOutcome";
    public static final String FOUND = "FOUND";
    public static final String NOT_FOUND = "NOT_FOUND";

    /**
     * Setting, milliseconds: how much earlier than {@link #SINCE} Zuora's clock may date the Import. Our clock and
     * Zuora's differ; too small a margin would miss an Import that exists, and resend it.
     */
    public static final String CLOCK_SKEW_SETTING = "zuora.lookup-clock-skew-ms";
    public static final long DEFAULT_CLOCK_SKEW_MS = 300_000;

    private ZuoraImportLookup() {
    }
}
