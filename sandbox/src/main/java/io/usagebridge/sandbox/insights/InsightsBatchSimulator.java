package io.usagebridge.sandbox.insights;

import com.sun.net.httpserver.Headers;
import io.usagebridge.sandbox.JsonBodies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
public final class InsightsBatchSimulator implements AutoCloseable {

    public static final String UPLOAD_PATH = "/api/files/upload";
    public static final Duration URL_VALIDITY = Duration.ofHours(1);
    public static final String NOT_AUTHENTICATED = "Please authenticate to access this resource.";
    public static final String INVALID_DATA_SOURCE = "Invalid query parameter dataSource";
    public static final String INVALID_RECORD_TYPE = "Invalid query parameter recordType";
    public static final String INVALID_BATCH_DATE = "Invalid ISO timestamp (valid format is yyyy-MM-ddTHH:mm:ssTZ, "
            + "where TZ is Z or +HH:mm or -HH:mm)";

    private static final Logger LOG = LoggerFactory.getLogger(InsightsBatchSimulator.class);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
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
    private final Path configuredStorageDir;
    private final SignedUrlStore store;
    private volatile Clock clock = Clock.systemUTC();
    private volatile Path storageDir;
    private volatile int apiPort = -1;
    private volatile int storePort = -1;
    private HttpServer api;
    private HttpServer storeServer;
    private ExecutorService executor;

    /** Stores uploaded files in a temp directory that {@link #stop()} deletes. */
    public InsightsBatchSimulator(String apiToken) {
        this(apiToken, null);
    }

    /** Stores uploaded files in {@code storageDir}, which is kept after {@link #stop()}. */
    public InsightsBatchSimulator(String apiToken, Path storageDir) {
        this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
        this.configuredStorageDir = storageDir;
        this.store = new SignedUrlStore(faults, () -> clock, () -> this.storageDir, this::record, this::stored);
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

    /** Starts the API and the store, each on its port (0 = a free one), on the loopback interface. */
    public synchronized void start(int apiPort, int storePort) throws IOException {
        if (api != null) {
            throw new IllegalStateException("already started");
        }
        storageDir = configuredStorageDir != null ? Files.createDirectories(configuredStorageDir)
                : Files.createTempDirectory("usagebridge-insights-");
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "insights-sim-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), apiPort), 0);
        api.createContext("/", this::handleApi);
        api.setExecutor(executor);
        storeServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), storePort), 0);
        storeServer.createContext("/", store::handle);
        storeServer.setExecutor(executor);
        api.start();
        storeServer.start();
        this.apiPort = api.getAddress().getPort();
        this.storePort = storeServer.getAddress().getPort();
        LOG.info("Insights Batch API simulator at {}, its store at http://localhost:{}", uploadUrl(), this.storePort);
    }

    public void start() throws IOException {
        start(0, 0);
    }

    /** Stops at once; stored files are deleted unless a storage directory was given. */
    public synchronized void stop() {
        if (api == null) {
            return;
        }
        api.stop(0);
        storeServer.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api = null;
        storeServer = null;
        apiPort = -1;
        storePort = -1;
        if (configuredStorageDir == null) {
            deleteTree(storageDir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://localhost:<port>/api/files/upload}: the sandbox's nw1.files.insights.zuora.com. */
    public String uploadUrl() {
        if (apiPort < 0) {
            throw new IllegalStateException("not started");
        }
        return "http://localhost:" + apiPort + UPLOAD_PATH;
    }

    public int storePort() {
        if (storePort < 0) {
            throw new IllegalStateException("not started");
        }
        return storePort;
    }

    // ---------------------------------------------------------------- fault knobs

    /** The next {@code n} upload-URL calls are answered {@code status} (e.g. 503) without being processed. */
    public void failNextUploadUrlCalls(int n, int status) {
        faults.failNextUploadUrlCalls(n, status);
    }

    /** The next {@code n} PUTs of {@code recordType} (null: of any) are answered {@code status}, nothing stored. */
    public void failNextPuts(String recordType, int n, int status) {
        faults.failNextPuts(recordType, n, status);
    }

    /** The next {@code n} signed PUTs are read whole, then the connection is closed without an answer or storing. */
    public void dropNextPuts(int n) {
        faults.dropNextPuts(n);
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
        files.forEach(InsightsBatchSimulator::deleteQuietly);
        store.forgetTickets();
        faults.clear();
    }

    // ---------------------------------------------------------------- POST /api/files/upload

    private void handleApi(HttpExchange exchange) {
        Instant now = clock.instant();
        Map<String, List<String>> headers = lowerCased(exchange.getRequestHeaders());
        List<String> host = headers.get("host");
        Map<String, String> fields = new LinkedHashMap<>();
        long[] bytes = {0};
        boolean[] recorded = {false};
        // recorded before the answer leaves, so a client holding the answer also sees the record
        IntConsumer record = status -> {
            if (!recorded[0]) {
                recorded[0] = true;
                record(new InsightsRequest("api", exchange.getRequestMethod(), host == null ? null : host.get(0),
                        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), status, fields,
                        headers, bytes[0], null, now));
            }
        };
        try (exchange) {
            int failure = faults.nextUploadUrlFailure();
            String form = readLimited(exchange.getRequestBody());
            bytes[0] = form.getBytes(StandardCharsets.UTF_8).length;
            fields.putAll(SignedUrlStore.parseQuery(exchange.getRequestURI().getRawQuery()));
            fields.putAll(SignedUrlStore.parseQuery(form));
            if (failure > 0) {
                text(exchange, record, failure, failure == 503 ? "Service Unavailable" : "Internal Server Error");
                return;
            }
            upload(exchange, headers, fields, now, record);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Insights API simulator lost its client", e);
        } finally {
            record.accept(0);
        }
    }

    private void upload(HttpExchange exchange, Map<String, List<String>> headers, Map<String, String> fields,
                        Instant now, IntConsumer record) throws IOException {
        if (!UPLOAD_PATH.equals(exchange.getRequestURI().getPath())) {
            text(exchange, record, 404, "Not Found");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            text(exchange, record, 405, "Method Not Allowed");
            return;
        }
        if (!authenticated(headers.get("authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Insights\"");
            text(exchange, record, 401, NOT_AUTHENTICATED);
            return;
        }
        String dataSource = fields.get("dataSource");
        List<String> recordTypes = dataSource == null ? null : dataSources.get(dataSource);
        if (recordTypes == null) {
            text(exchange, record, 400, INVALID_DATA_SOURCE);
            return;
        }
        String recordType = fields.get("recordType");
        if (recordType == null || !recordTypes.contains(recordType)) {
            text(exchange, record, 400, INVALID_RECORD_TYPE);
            return;
        }
        String batchDate = fields.get("batchDate");
        if (!validBatchDate(batchDate)) {
            text(exchange, record, 400, INVALID_BATCH_DATE);
            return;
        }
        Instant expires = faults.issueExpired() ? now.minusSeconds(1) : now.plus(URL_VALIDITY);
        String host = faults.issueHost() == null ? "localhost" : faults.issueHost();
        String signedUrl = store.issue(host, storePort, dataSource, recordType, batchDate, expires);
        // the seed's example answer escapes its slashes
        byte[] body = JsonBodies.bytesEscapingSlashes(JsonBodies.object().put("signedUrl", signedUrl)
                .put("dataSource", dataSource).put("recordType", recordType).put("batchDate", batchDate));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        record.accept(200);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        LOG.info("Insights API: upload URL for {} / {} / batchDate {}", dataSource, recordType, batchDate);
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

    static Map<String, List<String>> lowerCased(Headers headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return copy;
    }

    private static void text(HttpExchange exchange, IntConsumer record, int status, String message)
            throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        record.accept(status);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        LOG.info("Insights API: {} {}", status, message);
    }

    private static String readLimited(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_FORM_BYTES + 1);
            in.transferTo(OutputStream.nullOutputStream());
            return new String(bytes, 0, Math.min(bytes.length, MAX_FORM_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}", file, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(InsightsBatchSimulator::deleteQuietly);
        } catch (IOException e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }
}
