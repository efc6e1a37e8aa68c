package io.usagebridge.sandbox.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usagebridge.sandbox.JsonBodies;
import io.usagebridge.sandbox.Reply;
import io.usagebridge.sandbox.SimulatorServer;
import io.usagebridge.sandbox.UrlEncodedForm;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates the Zuora Insights Batch API (seed 004) and the store behind its signed URLs.
 *
 * <p>{@code POST /api/files/upload} takes Basic authentication with the API token as user and an empty password,
 * and the form (or query) parameters {@code dataSource}, {@code recordType} and {@code batchDate}; it answers the
 * seed's texts: 401 "Please authenticate to access this resource.", "Invalid query parameter dataSource",
 * "Invalid query parameter recordType" and "Invalid ISO timestamp (...)". Parameters are decoded as a server does:
 * an unencoded {@code +} in a batchDate arrives as a space and makes it invalid. On success it answers the seed's
 * JSON ({@code signedUrl}, with {@code \/} escapes, and the three parameters) with a URL of its own
 * {@link SignedUrlStore store}, valid one hour by the simulator's {@link #setClock clock}.
 *
 * <p>A batch loads when every record type of its data source has been stored with the identical batchDate string
 * ({@link #loadedBatches()}). Fault knobs fail, drop, expire or redirect the next requests, and make the API
 * issue URLs for another host.
 */
public final class InsightsBatchSimulator extends SimulatorServer<InsightsBatchSimulator.ApiCall> {

    public static final String UPLOAD_PATH = "/api/files/upload";
    public static final Duration URL_VALIDITY = Duration.ofHours(1);
    public static final String NOT_AUTHENTICATED = "Please authenticate to access this resource.";
    public static final String INVALID_DATA_SOURCE = "Invalid query parameter dataSource";
    public static final String INVALID_RECORD_TYPE = "Invalid query parameter recordType";
    public static final String INVALID_BATCH_DATE = "Invalid ISO timestamp (valid format is yyyy-MM-ddTHH:mm:ssTZ, "
            + "where TZ is Z or +HH:mm or -HH:mm)";

    private static final Logger LOG = LoggerFactory.getLogger(InsightsBatchSimulator.class);
    private static final int MAX_FORM_BYTES = 64 * 1024;
    /** yyyy-MM-ddTHH:mm:ss and a zone: Z, +HH:mm or -HH:mm (the seed's example also shows +0000). */
    private static final Pattern BATCH_DATE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(Z|[+-]\\d{2}:\\d{2}|[+-]\\d{4})");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    private volatile String apiToken;
    private final Map<String, List<String>> dataSources = new ConcurrentHashMap<>();
    private final InsightsFaults faults = new InsightsFaults();
    private final List<InsightsRequest> requests = new ArrayList<>();
    private final List<StoredRecordFile> storedFiles = new ArrayList<>();
    private final Map<String, LoadedBatch> loaded = new LinkedHashMap<>();
    private final SignedUrlStore store;
    private volatile Clock clock = Clock.systemUTC();

    /** Stores uploaded files in a temp directory that {@link #stop()} deletes. */
    /** Guarded by itself: record type to what runs during its next upload-URL call. */
    private final java.util.Map<String, Runnable> duringUploadUrl = new java.util.HashMap<>();

    public InsightsBatchSimulator(String apiToken) {
        this(apiToken, null);
    }

    /** Stores uploaded files in {@code storageDir}, which is kept after {@link #stop()}. */
    public InsightsBatchSimulator(String apiToken, Path storageDir) {
        super("insights-api", null, "/");
        this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
        // the API stores nothing: the files go to the store, which has the folder
        this.store = new SignedUrlStore(storageDir, faults, () -> clock, this::record, this::stored);
    }

    /** Replaces the API token the API accepts, as when Zuora issues a new one: the old one gets 401. */
    public void setApiToken(String apiToken) {
        this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
    }

    /** A data source Zuora prepared, with the API names of its record types. */
    public void addDataSource(String name, String... recordTypes) {
        dataSources.put(name, List.of(recordTypes));
    }

    /** The clock of signed URL expiry and of the recorded times. */
    public void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The API and its store both serve https with {@code context} from the next start on. */
    @Override
    public void serveHttps(javax.net.ssl.SSLContext context) {
        super.serveHttps(context);
        store.serveHttps(context);
    }

    /** Starts the API and the store, each on its port (0 = a free one), on the loopback interface. */
    public synchronized void start(int apiPort, int storePort) throws IOException {
        store.start(storePort);
        try {
            super.start(apiPort);
        } catch (IOException | RuntimeException e) {
            store.stop();
            throw e;
        }
        LOG.info("Insights Batch API simulator at {}, its store at {}", uploadUrl(), store.baseUrl());
    }

    /** Starts the API on {@code port} and the store on a free port. */
    @Override
    public void start(int port) throws IOException {
        start(port, 0);
    }

    public void start() throws IOException {
        start(0, 0);
    }

    /** Stops the API and the store at once; stored files are deleted unless a storage directory was given. */
    @Override
    public void stop() {
        super.stop();
        store.stop();
    }

    /** {@code http://localhost:<port>/api/files/upload}: the sandbox's nw1.files.insights.zuora.com. */
    public String uploadUrl() {
        return baseUrl() + UPLOAD_PATH;
    }

    public int storePort() {
        return store.port();
    }

    // ---------------------------------------------------------------- fault knobs

    /** The next {@code n} upload-URL calls are answered {@code status} (e.g. 503) without being processed. */
    public void failNextUploadUrlCalls(int n, int status) {
        failNext(n, status);
    }

    /** The next {@code n} PUTs of {@code recordType} (null: of any) are answered {@code status}, nothing stored. */
    public void failNextPuts(String recordType, int n, int status) {
        faults.failNextPuts(recordType, n, status);
    }

    /** The next {@code n} signed PUTs are read whole, then the connection is closed without an answer or storing. */
    public void dropNextPuts(int n) {
        store.dropNext(n);
    }

    /** The store judges the next {@code n} PUTs expired (403 "Request has expired"), as after an hour's wait. */
    public void expireNextUrlsAtStore(int n) {
        faults.expireNextAtStore(n);
    }

    /** The next {@code n} signed URLs carry an Expires already past. */
    public void issueExpiredUrlsNext(int n) {
        faults.issueExpiredNext(n);
    }

    /** Signed URLs name this host (with the store's port) instead of localhost; null restores localhost. */
    public void issueUrlsForHost(String host) {
        faults.issueUrlsForHost(host);
    }

    /**
     * Runs {@code action} once, while the next upload-URL call for {@code recordType} is answered: between the
     * client's check of its files and its upload (e.g. a writer changing a file in the inbox meanwhile).
     */
    public void duringNextUploadUrlCall(String recordType, Runnable action) {
        synchronized (duringUploadUrl) {
            duringUploadUrl.put(recordType, action);
        }
    }

    /** The next {@code n} PUTs are answered 307 Temporary Redirect to {@code location}. */
    public void redirectNextPuts(int n, String location) {
        faults.redirectNextPuts(n, location);
    }

    // ---------------------------------------------------------------- what happened

    /** Every request to the API or the store, oldest first. */
    public List<InsightsRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<InsightsRequest> uploadUrlCalls() {
        return requests().stream().filter(InsightsRequest::isUploadUrlCall).toList();
    }

    public List<InsightsRequest> puts() {
        return requests().stream().filter(InsightsRequest::isPut).toList();
    }

    /** Every file stored through a signed URL, oldest first. */
    public List<StoredRecordFile> storedFiles() {
        synchronized (storedFiles) {
            return List.copyOf(storedFiles);
        }
    }

    /** The batches whose record types all arrived with one batchDate, in the order they completed. */
    public List<LoadedBatch> loadedBatches() {
        synchronized (storedFiles) {
            return List.copyOf(loaded.values());
        }
    }

    public boolean batchLoaded(String dataSource, String batchDate) {
        synchronized (storedFiles) {
            return loaded.containsKey(dataSource + "\n" + batchDate);
        }
    }

    /** Forgets requests, stored files (deleting them), loaded batches, issued URLs and fault knobs. */
    public void reset() {
        List<Path> files;
        synchronized (storedFiles) {
            files = storedFiles.stream().map(StoredRecordFile::file).toList();
            storedFiles.clear();
            loaded.clear();
        }
        synchronized (requests) {
            requests.clear();
        }
        files.forEach(SimulatorServer::deleteQuietly);
        store.forget();
        faults.clear();
        synchronized (duringUploadUrl) {
            duringUploadUrl.clear();
        }
        resetCountsAndFaults();
    }

    // ---------------------------------------------------------------- POST /api/files/upload

    /** One call of the API while it is handled; recorded once, before its answer leaves. */
    static final class ApiCall {
        private final HttpExchange exchange;
        private final Instant receivedAt;
        private final Map<String, List<String>> headers;
        private final Map<String, String> fields = new LinkedHashMap<>();
        private long bodyBytes;
        private boolean formRead;
        private boolean recorded;

        ApiCall(HttpExchange exchange, Instant receivedAt) {
            this.exchange = exchange;
            this.receivedAt = receivedAt;
            this.headers = requestHeaders(exchange);
        }
    }

    @Override
    protected ApiCall receive(HttpExchange exchange) {
        return new ApiCall(exchange, clock.instant());
    }

    /** A failed call is still read: its record shows the parameters it carried. */
    @Override
    protected void discard(ApiCall call, HttpExchange exchange) throws IOException {
        readForm(call);
    }

    @Override
    protected Reply failure(ApiCall call, int status) {
        return text(status, status == 503 ? "Service Unavailable" : "Internal Server Error");
    }

    @Override
    protected Reply process(ApiCall call) throws IOException {
        try {
            readForm(call);
        } catch (IOException e) {
            return text(413, "Payload Too Large");
        }
        HttpExchange exchange = call.exchange;
        Map<String, String> fields = call.fields;
        if (!UPLOAD_PATH.equals(exchange.getRequestURI().getPath())) {
            return text(404, "Not Found");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return text(405, "Method Not Allowed").withHeader("Allow", "POST");
        }
        if (!authenticated(call.headers.get("authorization"))) {
            return text(401, NOT_AUTHENTICATED).withHeader("WWW-Authenticate", "Basic realm=\"Insights\"");
        }
        String dataSource = fields.get("dataSource");
        List<String> recordTypes = dataSource == null ? null : dataSources.get(dataSource);
        if (recordTypes == null) {
            return text(400, INVALID_DATA_SOURCE);
        }
        String recordType = fields.get("recordType");
        if (recordType == null || !recordTypes.contains(recordType)) {
            return text(400, INVALID_RECORD_TYPE);
        }
        String batchDate = fields.get("batchDate");
        if (!validBatchDate(batchDate)) {
            return text(400, INVALID_BATCH_DATE);
        }
        Runnable during;
        synchronized (duringUploadUrl) {
            during = duringUploadUrl.remove(recordType);
        }
        if (during != null) {
            during.run();
        }
        Instant expires = faults.issueExpired() ? call.receivedAt.minusSeconds(1) : call.receivedAt.plus(URL_VALIDITY);
        String host = faults.issueHost() == null ? "localhost" : faults.issueHost();
        String signedUrl = store.issue(host, store.port(), dataSource, recordType, batchDate, expires);
        LOG.info("Insights API: upload URL for {} / {} / batchDate {}", dataSource, recordType, batchDate);
        // the seed's example answer escapes its slashes
        return Reply.bytes(200, "application/json; charset=utf-8", JsonBodies.bytesEscapingSlashes(
                JsonBodies.object().put("signedUrl", signedUrl).put("dataSource", dataSource)
                        .put("recordType", recordType).put("batchDate", batchDate)));
    }

    @Override
    protected Reply answering(ApiCall call, Reply reply) {
        record(call, reply.status());
        if (reply.status() != 200) {
            LOG.info("Insights API: {} {}", reply.status(), new String(reply.body(), StandardCharsets.UTF_8));
        }
        return reply;
    }

    @Override
    protected void finished(ApiCall call) {
        record(call, 0);
    }

    @Override
    protected void describeState(ObjectNode state) {
        List<InsightsRequest> all = requests();
        state.put("uploadUrlCallCount", all.stream().filter(InsightsRequest::isUploadUrlCall).count())
                .put("putCount", all.stream().filter(InsightsRequest::isPut).count());
        ArrayNode files = state.putArray("storedFiles");
        for (StoredRecordFile file : storedFiles()) {
            files.addObject().put("dataSource", file.dataSource()).put("recordType", file.recordType())
                    .put("batchDate", file.batchDate()).put("bytes", file.bytes()).put("md5", file.md5())
                    .put("storedAt", file.storedAt().toString());
        }
        ArrayNode batches = state.putArray("loadedBatches");
        for (LoadedBatch batch : loadedBatches()) {
            ObjectNode node = batches.addObject().put("dataSource", batch.dataSource())
                    .put("batchDate", batch.batchDate()).put("loadedAt", batch.loadedAt().toString());
            batch.recordMd5().forEach(node.putObject("recordMd5")::put);
        }
    }

    private void readForm(ApiCall call) throws IOException {
        if (call.formRead) {
            return;
        }
        call.formRead = true;
        call.fields.putAll(UrlEncodedForm.parse(call.exchange.getRequestURI().getRawQuery()));
        String form = UrlEncodedForm.read(call.exchange.getRequestBody(), MAX_FORM_BYTES);
        call.bodyBytes = form.getBytes(StandardCharsets.UTF_8).length;
        call.fields.putAll(UrlEncodedForm.parse(form));
    }

    private void record(ApiCall call, int status) {
        if (call.recorded) {
            return;
        }
        call.recorded = true;
        List<String> host = call.headers.get("host");
        record(new InsightsRequest("api", call.exchange.getRequestMethod(), host == null ? null : host.get(0),
                call.exchange.getRequestURI().getRawPath(), call.exchange.getRequestURI().getRawQuery(), status,
                call.fields, call.headers, call.bodyBytes, null, call.receivedAt));
    }

    private boolean authenticated(List<String> authorization) {
        if (authorization == null || authorization.isEmpty()) {
            return false;
        }
        String value = authorization.get(0).trim();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        // the token is the user name; the password is empty (curl -u TOKEN:)
        return colon >= 0 && decoded.substring(0, colon).equals(apiToken);
    }

    static boolean validBatchDate(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = BATCH_DATE.matcher(value);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDateTime.parse(m.group(1), LOCAL);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- bookkeeping

    private void record(InsightsRequest request) {
        synchronized (requests) {
            requests.add(request);
        }
    }

    private void stored(StoredRecordFile file) {
        synchronized (storedFiles) {
            storedFiles.add(file);
            String key = file.dataSource() + "\n" + file.batchDate();
            List<String> expected = dataSources.getOrDefault(file.dataSource(), List.of());
            if (loaded.containsKey(key)) {
                return;
            }
            Map<String, String> md5ByType = new LinkedHashMap<>();
            Set<String> arrived = new LinkedHashSet<>();
            for (StoredRecordFile f : storedFiles) {
                // the exact same batchDate string, not the same instant
                if (f.dataSource().equals(file.dataSource()) && f.batchDate().equals(file.batchDate())) {
                    arrived.add(f.recordType());
                    md5ByType.put(f.recordType(), f.md5());
                }
            }
            if (arrived.containsAll(expected)) {
                loaded.put(key, new LoadedBatch(file.dataSource(), file.batchDate(), md5ByType, clock.instant()));
                LOG.info("Insights: batch {} / batchDate {} complete ({}), loading", file.dataSource(),
                        file.batchDate(), expected);
            }
        }
    }

    private static Reply text(int status, String message) {
        return Reply.text(status, "text/plain; charset=utf-8", message);
    }
}
