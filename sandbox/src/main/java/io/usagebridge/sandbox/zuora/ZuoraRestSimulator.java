package io.usagebridge.sandbox.zuora;

import com.sun.net.httpserver.HttpExchange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usagebridge.sandbox.JsonBodies;
import io.usagebridge.sandbox.Reply;
import io.usagebridge.sandbox.SimulatorServer;
import io.usagebridge.sandbox.UrlEncodedForm;
import io.usagebridge.sandbox.MultipartForm;
import io.usagebridge.sandbox.MultipartFormReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates the parts of Zuora's REST API that take files: OAuth client credentials
 * ({@code POST /oauth/token}), mass actions ({@code POST /v1/bulk}, {@code GET /v1/bulk/{key}},
 * {@code PUT /v1/bulk/{key}/stop}), usage upload ({@code POST /v1/usage},
 * {@code GET /v1/usage/{id}/status}) and the zipped response files ({@code GET /v1/files/{id}}).
 *
 * <p>Wire behaviour follows Zuora's published API: Zuora's error JSON
 * ({@code {"success":false,"processId":..,"reasons":[{"code":8 digits,"message":..}]}}),
 * {@code Zuora-Track-Id} echoed and checked, {@code Zuora-Request-Id} on every answer,
 * gzip for answers over 1000 bytes when asked, Idempotency-Key kept 24 hours (replay, 409 while
 * in flight, 422 for another request). Jobs move Pending, Processing, then their final status,
 * one step per status poll; a {@link #setClock controllable clock} drives token expiry, key
 * retention, Retry-After dates and the recorded times. Fault knobs (failures, delays, dropped
 * connections, 429s) apply to API requests, not to {@code /oauth/token}.
 */
public final class ZuoraRestSimulator extends SimulatorServer<ZuoraCall> {

    public static final String TOKEN_PATH = "/oauth/token";
    public static final List<String> ACTION_TYPES = List.of("UpdateAccountingCode", "CreateRevenueSchedule",
            "UpdateRevenueSchedule", "DeleteRevenueSchedule", "ImportFXRate", "MPU");
    public static final int DEFAULT_POLLS_TO_COMPLETE = 3;
    /** Zuora gzips answers "that contain over 1000 bytes of data" when the client accepts gzip. */
    public static final int DEFAULT_GZIP_THRESHOLD = 1000;
    public static final int MAX_TRACK_ID_LENGTH = 64;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    /** {@code POST /v1/usage}: "The file size must not exceed 4MB". */
    public static final long MAX_USAGE_FILE_BYTES = 4L * 1024 * 1024;
    /** {@code POST /v1/usage}: "The length of the file name must not exceed 50 characters". */
    public static final int MAX_USAGE_FILE_NAME_LENGTH = 50;
    public static final String UPLOADED_BY = "usagebridge-sandbox@example.com";

    /*
     * Zuora's v1 error codes are a 6-digit resource code and a 2-digit category. Zuora answers
     * resource 500000 ("unknown object") when it cannot name a field, so every code here uses it
     * with the documented category: 20 invalid value, 22 missing field, 30 rule restriction,
     * 40 not found, 45 unsupported request, 50 locking contention, 60 internal error,
     * 61 temporary error, 70 request exceeded limit, 90 malformed request. 90000011 is the
     * documented "invalid credential in the request header".
     */
    public static final long CODE_INVALID_VALUE = 50000020L;
    public static final long CODE_MISSING_FIELD = 50000022L;
    public static final long CODE_RULE_RESTRICTION = 50000030L;
    public static final long CODE_NOT_FOUND = 50000040L;
    public static final long CODE_UNSUPPORTED_REQUEST = 50000045L;
    public static final long CODE_LOCKING_CONTENTION = 50000050L;
    public static final long CODE_INTERNAL_ERROR = 50000060L;
    public static final long CODE_TEMPORARY_ERROR = 50000061L;
    public static final long CODE_REQUEST_LIMIT = 50000070L;
    public static final long CODE_MALFORMED_REQUEST = 50000090L;
    public static final long CODE_AUTHENTICATION = 90000011L;

    private static final Logger LOG = LoggerFactory.getLogger(ZuoraRestSimulator.class);
    private static final int MAX_TOKEN_FORM_BYTES = 64 * 1024;
    /** Zuora's default tenant concurrency. */
    private static final int CONCURRENCY_LIMIT = 40;
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final Pattern BULK_KEY_PATH = Pattern.compile("/v1/bulk/([^/]+)");
    private static final Pattern BULK_STOP_PATH = Pattern.compile("/v1/bulk/([^/]+)/stop");
    private static final Pattern USAGE_STATUS_PATH = Pattern.compile("/v1/usage/([^/]+)/status");
    private static final Pattern FILE_PATH = Pattern.compile("/v1/files/([^/]+)");
    private static final Pattern FILE_ZIP_PATH = Pattern.compile("/files/([^/]+)\\.zip");

    private final OAuthTokens tokens = new OAuthTokens();
    private final ApiFaults apiFaults = new ApiFaults();
    private final IdempotencyKeys idempotencyKeys = new IdempotencyKeys();
    private final List<ZuoraRestRequest> requests = new ArrayList<>();
    private final Map<String, SimulatedJob> jobs = new LinkedHashMap<>();
    private final Map<String, SimulatedJob> jobsByOutputFile = new ConcurrentHashMap<>();
    private final AtomicInteger apiCallsInProgress = new AtomicInteger();
    private final AtomicInteger mostApiCallsAtOnce = new AtomicInteger();
    private volatile int concurrencyLimit = CONCURRENCY_LIMIT;
    private final String scope = "user." + OAuthTokens.hex(16) + " entity." + UUID.randomUUID() + " tenant.10000";
    private volatile Clock clock = Clock.systemUTC();
    private volatile int pollsToComplete = DEFAULT_POLLS_TO_COMPLETE;
    private volatile int gzipThreshold = DEFAULT_GZIP_THRESHOLD;
    private volatile boolean httpDateRetryAfter;
    private volatile boolean errorsAsHttp200;
    private volatile String rejectedValue;
    private volatile String outputUrlBase;
    private volatile String importStatusBase;

    /** Stores uploads and response files in a temp directory that {@link #stop()} deletes. */
    public ZuoraRestSimulator() {
        this(null);
    }

    /** Stores uploads and response files in {@code storageDir}, which is kept after {@link #stop()}. */
    public ZuoraRestSimulator(Path storageDir) {
        super("zuora-rest", storageDir, "/");
    }

    /** An OAuth client that may get tokens from {@code POST /oauth/token}. */
    public void addClient(String clientId, String clientSecret) {
        tokens.addClient(Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(clientSecret));
    }

    /** The clock for token expiry, Idempotency-Key retention, Retry-After dates and recorded times. */
    public void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * On which status poll a job reaches its final status (default 3: Pending, Processing,
     * then Completed or Failed). 1 makes the first poll final; 2 skips Processing.
     */
    public void setPollsToComplete(int polls) {
        if (polls < 1) {
            throw new IllegalArgumentException("polls must be at least 1, was " + polls);
        }
        pollsToComplete = polls;
    }

    /** Answers over this many bytes are gzipped when the request accepts gzip (Zuora: 1000). */
    public void setGzipThreshold(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("threshold must not be negative");
        }
        gzipThreshold = bytes;
    }

    /** Every token issued so far stops working at once (the next call with it gets 401). */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    /**
     * Answers 400/404-class errors (bad actionType, checksum mismatch, unknown key, ...) with
     * HTTP 200 and {@code "success": false}, as many Zuora v1 operations do: a client must read
     * {@code success}, not only the status. 401, 409, 422 and 429 keep their status.
     */
    public void answerErrorsWithHttp200(boolean enabled) {
        errorsAsHttp200 = enabled;
    }

    /**
     * Records holding exactly this value fail: in a mass action the record alone (Success N in
     * the response file, counted in errorCount); in a usage import the whole file (Failed),
     * as Zuora's usage import is atomic. Null turns it off.
     */
    public void rejectRecordsContaining(String value) {
        rejectedValue = value;
    }

    /**
     * A hostile or misrouted answer: a mass action's outputURL names {@code base + /v1/files/<id>} (another host,
     * an http:// address) instead of this server. Null (the default, and after {@link #reset()}) answers
     * {@link #baseUrl()}.
     */
    public void answerOutputUrlsOn(String base) {
        outputUrlBase = base;
    }

    /**
     * A usage upload's checkImportStatus is {@code base + /v1/usage/<id>/status} (an absolute URL elsewhere, or
     * a path made to lead off the host, such as {@code @other-host:port}) instead of the plain path. Null (the
     * default, and after {@link #reset()}) answers the path.
     */
    public void answerImportStatusOn(String base) {
        importStatusBase = base;
    }

    /** Marks a usage import canceled (as from Zuora's UI); the next status poll reports Canceled. */
    public boolean cancelUsageImport(String importId) {
        SimulatedJob job = findJob(importId, ZuoraJob.Kind.USAGE);
        return job != null && job.requestCancel();
    }

    /**
     * Processes the next {@code n} API requests fully (job created, Idempotency-Key stored with
     * its answer), then closes the connection without answering: the client cannot tell whether
     * its request took effect.
     */
    public void dropResponseAfterCommitNext(int n) {
        faults().dropAfterStoreNext(n);
    }

    /**
     * The tenant's concurrency (40 by default): an API call that would make more than this many in progress is
     * answered 429, and every API answer's Concurrency-Limit-Limit says it.
     */
    public void setConcurrencyLimit(int limit) {
        concurrencyLimit = limit;
    }

    /** The most API calls (not token requests) that were in progress at once since the last reset. */
    public int mostApiCallsAtOnce() {
        return mostApiCallsAtOnce.get();
    }

    /**
     * The next {@code n} authenticated API requests get 429 with {@code Retry-After} (whole
     * seconds, rounded up, unless {@link #useHttpDateRetryAfter}) and Zuora's rate-limit headers.
     */
    public void rateLimitNext(int n, Duration retryAfter) {
        apiFaults.rateLimitNext(n, retryAfter);
    }

    /** Sends Retry-After as an HTTP-date (the simulator's clock plus the wait) instead of seconds. */
    public void useHttpDateRetryAfter(boolean enabled) {
        httpDateRetryAfter = enabled;
    }

    /**
     * The next {@code n} status polls ({@code GET /v1/usage/{id}/status}, {@code GET /v1/bulk/{key}}) are
     * answered only after {@code hold} (wall-clock), their status already moved on: the poll reached Zuora and
     * its answer is in flight. {@link #releaseDelayed()} lets them go early.
     */
    public void holdStatusRepliesNext(int n, Duration hold) {
        apiFaults.holdStatusRepliesNext(n, hold);
    }

    /** Every request that reached the simulator, faulted ones included, oldest first. */
    public List<ZuoraRestRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Every job accepted, oldest first, with its current status (reading does not advance it). */
    public List<ZuoraJob> jobs() {
        synchronized (jobs) {
            return jobs.values().stream().map(SimulatedJob::snapshot).toList();
        }
    }

    public int jobCount() {
        synchronized (jobs) {
            return jobs.size();
        }
    }

    /** The job with this bulk key or usage import id. */
    public Optional<ZuoraJob> job(String key) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(key)).map(SimulatedJob::snapshot);
        }
    }

    /**
     * Forgets requests, jobs (deleting their files), Idempotency-Keys and fault knobs, and
     * restores the default settings. Clients, issued tokens and the clock stay.
     */
    public void reset() {
        List<Path> files = new ArrayList<>();
        synchronized (requests) {
            requests.forEach(request -> files.add(request.file()));
            requests.clear();
        }
        synchronized (jobs) {
            for (SimulatedJob job : jobs.values()) {
                files.add(job.file);
                files.add(job.outputFile());
            }
            jobs.clear();
        }
        jobsByOutputFile.clear();
        files.forEach(SimulatorServer::deleteQuietly);
        idempotencyKeys.clear();
        apiFaults.clear();
        resetCountsAndFaults();
        pollsToComplete = DEFAULT_POLLS_TO_COMPLETE;
        gzipThreshold = DEFAULT_GZIP_THRESHOLD;
        httpDateRetryAfter = false;
        concurrencyLimit = CONCURRENCY_LIMIT;
        mostApiCallsAtOnce.set(0);
        errorsAsHttp200 = false;
        rejectedValue = null;
        outputUrlBase = null;
        importStatusBase = null;
    }

    // ---------------------------------------------------------------- the request flow

    @Override
    protected ZuoraCall receive(HttpExchange exchange) {
        ZuoraCall call = new ZuoraCall(exchange, clock.instant());
        if (call.isApi()) {
            mostApiCallsAtOnce.accumulateAndGet(apiCallsInProgress.incrementAndGet(), Math::max);
        }
        return call;
    }

    /** The knobs hit API requests, not {@code /oauth/token}. */
    @Override
    protected boolean faultsApply(ZuoraCall call) {
        return call.isApi();
    }

    @Override
    protected Reply process(ZuoraCall call) {
        try {
            return answer(call);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Zuora simulator could not process {} {}: {}", call.method, call.path, e.toString());
            if (call.reservedKey != null) {
                idempotencyKeys.release(call.reservedKey);
                call.reservedKey = null;
            }
            return error(500, CODE_INTERNAL_ERROR, "An internal error occurred.");
        }
    }

    @Override
    protected Reply failure(ZuoraCall call, int status) {
        long code = switch (status) {
            case 401 -> CODE_AUTHENTICATION;
            case 404 -> CODE_NOT_FOUND;
            case 409 -> CODE_LOCKING_CONTENTION;
            case 429 -> CODE_REQUEST_LIMIT;
            case 500 -> CODE_INTERNAL_ERROR;
            case 502, 503, 504 -> CODE_TEMPORARY_ERROR;
            default -> status >= 500 ? CODE_INTERNAL_ERROR : CODE_INVALID_VALUE;
        };
        return error(status, code, "Simulated failure (HTTP " + status + ").");
    }

    @Override
    protected Duration extraHold(ZuoraCall call, Reply reply) {
        return isStatusPoll(call) ? apiFaults.nextStatusHold() : Duration.ZERO;
    }

    /** In flight until now, so a retry during a hold gets 409. */
    @Override
    protected void held(ZuoraCall call, Reply reply) {
        if (call.reservedKey != null) {
            idempotencyKeys.complete(call.reservedKey, reply);
        }
    }

    @Override
    protected void dropped(ZuoraCall call, Reply unsent) {
        if (unsent != null) {
            call.status = unsent.status();
        }
        recordOnce(call);
    }

    @Override
    protected Reply answering(ZuoraCall call, Reply reply) throws IOException {
        Reply sent = reply.withHeader("Zuora-Request-Id", UUID.randomUUID().toString());
        if (call.trackId != null) {
            sent = sent.withHeader("Zuora-Track-Id", call.trackId);
        }
        if (call.isApi()) {
            sent = sent.withHeader("Concurrency-Limit-Type", "Default")
                    .withHeader("Concurrency-Limit-Limit", String.valueOf(concurrencyLimit))
                    .withHeader("Concurrency-Limit-Remaining",
                            String.valueOf(Math.max(0, concurrencyLimit - apiCallsInProgress.get())));
        }
        if (sent.file() != null) {
            sent = sent.withHeader("Content-Disposition", "attachment; filename=\"" + call.downloadName + "\"");
        } else if (sent.body() != null && call.acceptsGzip() && sent.body().length > gzipThreshold) {
            sent = sent.withBody(gzip(sent.body())).withHeader("Content-Encoding", "gzip");
        }
        call.status = reply.status();
        call.answered = true;
        recordOnce(call);
        LOG.info("Zuora simulator: {} {} -> {}{}", call.method, call.path, reply.status(),
                call.replayed ? " (idempotent replay)" : "");
        return sent;
    }

    @Override
    protected void finished(ZuoraCall call) {
        if (call.isApi()) {
            apiCallsInProgress.decrementAndGet();
        }
        recordOnce(call);
    }

    @Override
    protected void describeState(ObjectNode state) {
        List<ZuoraJob> all = jobs();
        state.put("requestsRecorded", requests().size()).put("jobCount", all.size());
        ArrayNode list = state.putArray("jobs");
        for (ZuoraJob job : all) {
            list.addObject().put("kind", job.kind().name()).put("key", job.key()).put("actionType", job.actionType())
                    .put("status", job.status()).put("fileName", job.fileName()).put("size", job.fileSize())
                    .put("md5", job.fileMd5()).put("recordCount", job.recordCount())
                    .put("createdAt", job.createdAt().toString());
        }
    }

    /**
     * Adds the request to {@link #requests()} before its answer (or dropped connection) reaches
     * the client, so a test that has its answer also sees the record.
     */
    private void recordOnce(ZuoraCall call) {
        if (call.recorded) {
            return;
        }
        call.recorded = true;
        synchronized (requests) {
            requests.add(call.record());
        }
    }

    private Reply answer(ZuoraCall call) throws IOException {
        String trackIdProblem = call.checkTrackId();
        if (trackIdProblem != null) {
            drain(call.exchange);
            return error(400, CODE_INVALID_VALUE, trackIdProblem);
        }
        if (TOKEN_PATH.equals(call.path)) {
            return token(call);
        }
        String authorization = call.header("authorization");
        if (authorization == null || authorization.isBlank()) {
            drain(call.exchange);
            return error(401, CODE_AUTHENTICATION, "this resource is protected, please sign in first");
        }
        if (tokens.valid(bearerToken(authorization), clock.instant()) == null) {
            drain(call.exchange);
            // Zuora answers a bad bearer token with this bare body (not in its published OpenAPI)
            return Reply.json(401, JsonBodies.object().put("message", "Authentication error"));
        }
        if (apiCallsInProgress.get() > concurrencyLimit) {
            drain(call.exchange);
            return Reply.json(429, errorBody(CODE_REQUEST_LIMIT, "The number of concurrent requests has exceeded "
                    + "the limit allowed by the system. Please resubmit your request later."));
        }
        ApiFaults.RateLimit rateLimit = apiFaults.nextRateLimit();
        if (rateLimit != null) {
            drain(call.exchange);
            return tooManyRequests(rateLimit.retryAfter());
        }
        if (call.idempotencyKey != null && call.idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            drain(call.exchange);
            return error(400, CODE_INVALID_VALUE,
                    "Idempotency-Key must not be longer than " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters.");
        }
        return route(call);
    }

    private Reply route(ZuoraCall call) throws IOException {
        String path = call.path;
        Matcher matcher;
        if (path.equals("/v1/bulk")) {
            return call.is("POST") ? postBulk(call) : methodNotAllowed(call);
        }
        if ((matcher = BULK_STOP_PATH.matcher(path)).matches()) {
            return call.is("PUT") ? stopBulk(call, matcher.group(1)) : methodNotAllowed(call);
        }
        if ((matcher = BULK_KEY_PATH.matcher(path)).matches()) {
            return call.is("GET") ? getBulk(call, matcher.group(1)) : methodNotAllowed(call);
        }
        if (path.equals("/v1/usage")) {
            return call.is("POST") ? postUsage(call) : methodNotAllowed(call);
        }
        if ((matcher = USAGE_STATUS_PATH.matcher(path)).matches()) {
            return call.is("GET") ? getUsageStatus(call, matcher.group(1)) : methodNotAllowed(call);
        }
        if ((matcher = FILE_PATH.matcher(path)).matches() || (matcher = FILE_ZIP_PATH.matcher(path)).matches()) {
            return call.is("GET") ? getFile(call, matcher.group(1)) : methodNotAllowed(call);
        }
        drain(call.exchange);
        return businessError(404, CODE_NOT_FOUND, "No resource at " + path + ".");
    }

    // ---------------------------------------------------------------- POST /oauth/token

    private Reply token(ZuoraCall call) throws IOException {
        if (!call.is("POST")) {
            drain(call.exchange);
            return Reply.json(405, JsonBodies.object().put("error", "method_not_allowed")
                    .put("error_description", "Request method '" + call.method + "' not supported"));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.putAll(UrlEncodedForm.parse(call.query));
        form.putAll(UrlEncodedForm.parse(UrlEncodedForm.read(call.exchange.getRequestBody(), MAX_TOKEN_FORM_BYTES)));
        call.fields = form;
        // the client is authenticated before the grant type is looked at
        if (!tokens.validClient(form.get("client_id"), form.get("client_secret"))) {
            return Reply.json(401, JsonBodies.object().put("error", "invalid_client")
                    .put("error_description", "Bad client credentials"));
        }
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            return Reply.json(400, JsonBodies.object().put("error", "invalid_request")
                    .put("error_description", "Missing grant type"));
        }
        if (!grantType.equals("client_credentials")) {
            return Reply.json(400, JsonBodies.object().put("error", "unsupported_grant_type")
                    .put("error_description", "Unsupported grant type: " + grantType));
        }
        OAuthTokens.Token token = tokens.issue(form.get("client_id"), clock.instant());
        return Reply.json(200, JsonBodies.object()
                        .put("access_token", token.accessToken())
                        .put("token_type", "bearer")
                        .put("expires_in", OAuthTokens.EXPIRES_IN_SECONDS)
                        .put("scope", scope)
                        .put("jti", token.jti()))
                .withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    }

    // ---------------------------------------------------------------- mass actions

    private Reply postBulk(ZuoraCall call) throws IOException {
        Reply decided = readFileUpload(call);
        if (decided != null) {
            return decided;
        }
        String paramsText = call.fields.get("params");
        if (paramsText == null) {
            return businessError(400, CODE_MISSING_FIELD, "'params' is required.");
        }
        ObjectNode params;
        try {
            params = JsonBodies.readObject(paramsText);
        } catch (IllegalArgumentException e) {
            return businessError(400, CODE_MALFORMED_REQUEST, "'params' is not a valid JSON object: " + e.getMessage());
        }
        JsonNode actionTypeNode = params.path("actionType");
        String actionType = actionTypeNode.isTextual() ? actionTypeNode.asText() : "";
        if (actionType.isBlank()) {
            return businessError(400, CODE_MISSING_FIELD, "'actionType' is required.");
        }
        if (!ACTION_TYPES.contains(actionType)) {
            return businessError(400, CODE_INVALID_VALUE,
                    "'actionType' value should be one of: " + String.join(", ", ACTION_TYPES));
        }
        JsonNode checksumNode = params.path("checksum");
        if (!checksumNode.isMissingNode() && !checksumNode.isNull() && !checksumNode.isTextual()) {
            return businessError(400, CODE_INVALID_VALUE, "'checksum' must be a string.");
        }
        String checksum = checksumNode.isTextual() ? checksumNode.asText() : null;
        if (checksum != null && !checksum.isBlank() && !checksum.trim().equalsIgnoreCase(call.file.md5())) {
            return businessError(400, CODE_INVALID_VALUE,
                    "The checksum does not match the MD5 checksum of the uploaded file.");
        }
        String bulkKey = OAuthTokens.hex(16);
        SimulatedJob job = SimulatedJob.bulk(bulkKey, actionType, call.file.fileName(), call.file.file(),
                call.file.size(), call.file.md5(), clock.instant(), rejectedValue);
        addJob(job);
        return Reply.json(200, JsonBodies.object().put("bulkKey", bulkKey).put("success", true));
    }

    private Reply getBulk(ZuoraCall call, String bulkKey) throws IOException {
        drain(call.exchange);
        SimulatedJob job = findJob(bulkKey, ZuoraJob.Kind.BULK);
        if (job == null) {
            return businessError(404, CODE_NOT_FOUND, "The mass action with key " + bulkKey + " does not exist.");
        }
        synchronized (job) {
            job.poll(pollsToComplete, clock.instant(), this::newOutputFile);
            String status = job.status();
            int processed = job.processedRecords();
            boolean counted = processed >= 0;
            int failed = job.failedSoFar();
            boolean hasOutput = job.outputFileId() != null;
            return Reply.json(200, JsonBodies.object()
                    .put("actionType", job.actionType)
                    .put("endedOn", zuoraDateTime(job.endedOn()))
                    .put("errorCount", counted ? String.valueOf(failed) : null)
                    .put("inputSize", job.size)
                    .put("outputSize", hasOutput ? job.outputSize() : null)
                    .put("outputType", hasOutput ? "(url:.csv.zip)" : null)
                    .put("outputURL", hasOutput ? (outputUrlBase == null ? baseUrl() : outputUrlBase) + "/v1/files/"
                            + job.outputFileId() : null)
                    .put("processedCount", counted ? String.valueOf(processed) : null)
                    .put("startedOn", zuoraDateTime(job.startedOn()))
                    .put("status", status)
                    .put("success", true)
                    .put("successCount", counted ? String.valueOf(processed - failed) : null)
                    .put("totalCount", counted ? String.valueOf(job.totalRecords) : null)
                    .put("uploadedBy", UPLOADED_BY)
                    .put("uploadedOn", zuoraDateTime(job.createdAt)));
        }
    }

    private Reply stopBulk(ZuoraCall call, String bulkKey) throws IOException {
        drain(call.exchange);
        SimulatedJob job = findJob(bulkKey, ZuoraJob.Kind.BULK);
        if (job == null) {
            return businessError(404, CODE_NOT_FOUND, "The mass action with key " + bulkKey + " does not exist.");
        }
        String refusedStatus = job.requestStop();
        if (refusedStatus != null) {
            return businessError(400, CODE_RULE_RESTRICTION,
                    "The mass action cannot be stopped because its status is " + refusedStatus + ".");
        }
        return Reply.json(200, JsonBodies.object().put("success", true));
    }

    // ---------------------------------------------------------------- usage import

    private Reply postUsage(ZuoraCall call) throws IOException {
        Reply decided = readFileUpload(call);
        if (decided != null) {
            return decided;
        }
        String name = call.file.fileName();
        if (name.length() > MAX_USAGE_FILE_NAME_LENGTH) {
            return businessError(400, CODE_INVALID_VALUE, "The length of the file name must not exceed "
                    + MAX_USAGE_FILE_NAME_LENGTH + " characters.");
        }
        if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return businessError(400, CODE_INVALID_VALUE, "The usage file must be a CSV file with a .csv extension.");
        }
        if (call.file.size() > MAX_USAGE_FILE_BYTES) {
            return businessError(400, CODE_INVALID_VALUE, "The file size must not exceed 4MB.");
        }
        String importId = OAuthTokens.hex(16);
        addJob(SimulatedJob.usage(importId, name, call.file.file(), call.file.size(), call.file.md5(),
                clock.instant(), rejectedValue));
        return Reply.json(200, JsonBodies.object()
                .put("checkImportStatus", (importStatusBase == null ? "" : importStatusBase) + "/v1/usage/"
                        + importId + "/status")
                .put("size", call.file.size())
                .put("success", true));
    }

    private Reply getUsageStatus(ZuoraCall call, String importId) throws IOException {
        drain(call.exchange);
        SimulatedJob job = findJob(importId, ZuoraJob.Kind.USAGE);
        if (job == null) {
            return businessError(404, CODE_NOT_FOUND, "The usage import " + importId + " does not exist.");
        }
        synchronized (job) {
            job.poll(pollsToComplete, clock.instant(), this::newOutputFile);
            String status = job.status();
            String message = switch (status) {
                case SimulatedJob.PENDING -> "The usage file is waiting to be imported.";
                case SimulatedJob.PROCESSING -> "The usage file is being imported.";
                case SimulatedJob.COMPLETED -> job.totalRecords + " usage records were imported.";
                case SimulatedJob.CANCELED -> "The usage import was canceled.";
                default -> "The usage import failed. " + job.failure;
            };
            return Reply.json(200, JsonBodies.object()
                    .put("importStatus", status)
                    .put("message", message)
                    .put("success", true));
        }
    }

    // ---------------------------------------------------------------- response files

    private Reply getFile(ZuoraCall call, String fileId) throws IOException {
        drain(call.exchange);
        SimulatedJob job = jobsByOutputFile.get(fileId);
        Path file = job == null ? null : job.outputFile();
        if (file == null || !Files.exists(file)) {
            return businessError(404, CODE_NOT_FOUND, "The file " + fileId + " does not exist.");
        }
        String entry = job.responseEntryName();
        call.downloadName = entry.substring(0, entry.length() - ".csv".length()) + ".zip";
        return Reply.file(200, "application/zip", file);
    }

    private SimulatedJob.OutputFile newOutputFile(SimulatedJob job) {
        String id = OAuthTokens.hex(16);
        jobsByOutputFile.put(id, job);
        return new SimulatedJob.OutputFile(id, storageDir().resolve("response-" + id + ".zip"));
    }

    // ---------------------------------------------------------------- uploads and idempotency

    /**
     * Reads a {@code file} upload onto {@code call} and presents its Idempotency-Key.
     *
     * @return the answer when that decides the request (a replay, 409, 422, an unreadable body, no file part),
     *         or null to go on
     */
    private Reply readFileUpload(ZuoraCall call) throws IOException {
        Upload upload = readUpload(call);
        Reply claimed = claimIdempotencyKey(call, upload.fingerprint);
        if (claimed != null) {
            return claimed;
        }
        if (upload.problem != null) {
            return upload.problem;
        }
        return call.file == null ? businessError(400, CODE_MISSING_FIELD, "'file' is required.") : null;
    }

    /** A multipart body read: the form (on {@code call}), or the error to answer; and its fingerprint. */
    private record Upload(Reply problem, String fingerprint) {
    }

    /**
     * Reads the multipart body, storing file parts with their MD5. The fingerprint compared for
     * Idempotency-Key is over what the request means (method, path, text fields, file bytes),
     * not the raw body, whose boundary differs on every retry.
     */
    private Upload readUpload(ZuoraCall call) throws IOException {
        MessageDigest raw = sha256();
        InputStream body;
        try {
            body = new DigestInputStream(requestBody(call), raw);
        } catch (IOException e) {
            drain(call.exchange);
            return new Upload(businessError(400, CODE_MALFORMED_REQUEST,
                    "The request body is not gzip data: " + e.getMessage()), rawFingerprint(call, raw));
        }
        String boundary = MultipartFormReader.boundaryOf(call.header("content-type"));
        if (boundary == null) {
            body.transferTo(OutputStream.nullOutputStream());
            return new Upload(businessError(400, CODE_MALFORMED_REQUEST,
                    "The request must be multipart/form-data."), rawFingerprint(call, raw));
        }
        MultipartForm form;
        try {
            form = new MultipartFormReader(storageDir()).read(body, call.header("content-type"));
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            drainQuietly(body);
            return new Upload(businessError(400, CODE_MALFORMED_REQUEST,
                    "The multipart body cannot be read: " + e.getMessage()), rawFingerprint(call, raw));
        }
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        for (MultipartForm.FilePart part : form.files()) {
            if (part.name().equals("file") && call.file == null) {
                call.file = part;
            } else {
                // curl -F "params=@params.json" sends params as a file part
                if (part.name().equals("params") && !fields.containsKey("params")) {
                    fields.put("params", Files.readString(part.file(), StandardCharsets.UTF_8));
                }
                deleteQuietly(part.file());
            }
        }
        call.fields = fields;
        return new Upload(null, contentFingerprint(call, fields));
    }

    private String contentFingerprint(ZuoraCall call, Map<String, String> fields) throws IOException {
        MessageDigest digest = sha256();
        update(digest, call.method);
        update(digest, call.path);
        for (Map.Entry<String, String> field : new TreeMap<>(fields).entrySet()) {
            update(digest, field.getKey());
            update(digest, field.getValue());
        }
        if (call.file != null) {
            update(digest, "file");
            try (InputStream in = new DigestInputStream(Files.newInputStream(call.file.file()), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String rawFingerprint(ZuoraCall call, MessageDigest raw) {
        return "raw:" + call.method + " " + call.path + " " + HexFormat.of().formatHex(raw.digest());
    }

    /** @return the answer when the key decides it (replay, 409, 422), or null to process the request */
    private Reply claimIdempotencyKey(ZuoraCall call, String fingerprint) {
        if (call.idempotencyKey == null) {
            return null;
        }
        IdempotencyKeys.Claim claim = idempotencyKeys.claim(call.idempotencyKey, fingerprint, clock);
        if (claim instanceof IdempotencyKeys.Reserved) {
            call.reservedKey = call.idempotencyKey;
            return null;
        }
        if (claim instanceof IdempotencyKeys.InFlight) {
            return error(409, CODE_LOCKING_CONTENTION,
                    "A request with the same Idempotency-Key is still being processed. Retry later.");
        }
        if (claim instanceof IdempotencyKeys.Mismatch) {
            return error(422, CODE_RULE_RESTRICTION,
                    "The Idempotency-Key has already been used for a different request.");
        }
        call.replayed = true;
        return ((IdempotencyKeys.Replay) claim).response();
    }

    // ---------------------------------------------------------------- answers

    private Reply tooManyRequests(Duration retryAfter) {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        String retryAfterValue = httpDateRetryAfter
                ? HTTP_DATE.format(clock.instant().plus(retryAfter))
                : String.valueOf(seconds);
        return Reply.json(429, errorBody(CODE_REQUEST_LIMIT,
                "The number of requests has exceeded the limit allowed by the system. Retry after the time "
                        + "given in the Retry-After header."))
                .withHeader("Retry-After", retryAfterValue)
                .withHeader("ratelimit-limit", "50000, 50000;w=60, 2250000;w=3600, 27000000;w=86400")
                .withHeader("ratelimit-remaining", "0")
                .withHeader("ratelimit-reset", String.valueOf(seconds));
    }

    private Reply methodNotAllowed(ZuoraCall call) throws IOException {
        drain(call.exchange);
        return businessError(405, CODE_UNSUPPORTED_REQUEST,
                "The requested endpoint does not support the " + call.method + " method.");
    }

    /** A 4xx for what the request asked; HTTP 200 instead when {@link #answerErrorsWithHttp200} is on. */
    private Reply businessError(int status, long code, String message) {
        return error(errorsAsHttp200 ? 200 : status, code, message);
    }

    private static Reply error(int status, long code, String message) {
        return Reply.json(status, errorBody(code, message));
    }

    /** Zuora's error JSON: {@code {"success":false,"processId":..,"reasons":[{"code":..,"message":..}]}}. */
    private static ObjectNode errorBody(long code, String message) {
        ObjectNode body = JsonBodies.object()
                .put("success", false)
                .put("processId", OAuthTokens.hex(8).toUpperCase(Locale.ROOT));
        body.putArray("reasons").addObject().put("code", code).put("message", message);
        return body;
    }

    // ---------------------------------------------------------------- small pieces

    private static boolean isStatusPoll(ZuoraCall call) {
        return call.is("GET") && (USAGE_STATUS_PATH.matcher(call.path).matches()
                || (BULK_KEY_PATH.matcher(call.path).matches()));
    }

    private void addJob(SimulatedJob job) {
        synchronized (jobs) {
            jobs.put(job.key, job);
        }
        LOG.info("Zuora simulator accepted {} job {} ({}, {} bytes, md5 {})", job.kind, job.key,
                job.actionType == null ? job.fileName : job.actionType, job.size, job.md5);
    }

    private SimulatedJob findJob(String key, ZuoraJob.Kind kind) {
        synchronized (jobs) {
            SimulatedJob job = jobs.get(key);
            return job != null && job.kind == kind ? job : null;
        }
    }

    /** Zuora's date-time format ({@code yyyy-MM-dd HH:mm:ss}) in the clock's zone, or null. */
    private String zuoraDateTime(Instant instant) {
        return instant == null ? null
                : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(clock.getZone()).format(instant);
    }

    /** The request body, un-gzipped when the client sent {@code Content-Encoding: gzip} (Zuora accepts it). */
    private static InputStream requestBody(ZuoraCall call) throws IOException {
        InputStream body = call.exchange.getRequestBody();
        String encoding = call.header("content-encoding");
        return encoding != null && encoding.trim().equalsIgnoreCase("gzip") ? new GZIPInputStream(body) : body;
    }

    private static String bearerToken(String authorization) {
        String value = authorization.trim();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : null;
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(body);
        }
        return compressed.toByteArray();
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void drainQuietly(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            LOG.debug("could not drain a request body", e);
        }
    }
}
