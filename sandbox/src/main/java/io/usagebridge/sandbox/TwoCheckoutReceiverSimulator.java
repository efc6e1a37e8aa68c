package io.usagebridge.sandbox;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates 2Checkout's usage upload receiver
 * ({@code POST /subscription/payperusage/receiver/index.php}, multipart/form-data).
 *
 * <p>Checks run in the receiver's order: merchant, then the file's MD5 against {@code file_MD5},
 * then the HMAC in {@code hash}. The answer is always HTTP 200 text/html: the body decides
 * ({@code 1} or one of the three error texts). Fault knobs make the next requests fail, hang or
 * lose their connection, for testing a client's retry and uncertainty handling.
 */
public final class TwoCheckoutReceiverSimulator implements AutoCloseable {

    public static final String PATH = "/subscription/payperusage/receiver/index.php";
    public static final String ACCEPTED = "1";
    public static final String INVALID_ACCOUNT = "Invalid account!";
    public static final String BAD_FILE_SIGNATURE = "Bad signature on the received file!";
    public static final String INVALID_SIGNATURE = "Invalid signature";
    public static final List<String> DEFAULT_SIGNED_FIELDS = List.of("merchant", "secret_key", "file_MD5");
    public static final String DEFAULT_FILE_PART_NAME = "file";

    private static final Logger LOG = LoggerFactory.getLogger(TwoCheckoutReceiverSimulator.class);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    private final List<ReceivedUpload> records = new ArrayList<>();
    private final FaultSchedule faults = new FaultSchedule();
    private final HeldResponses held = new HeldResponses();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final List<Instant> requestTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Path configuredStorageDir;
    private volatile List<String> signedFields = DEFAULT_SIGNED_FIELDS;
    private volatile String filePartName = DEFAULT_FILE_PART_NAME;
    private volatile Path storageDir;
    private HttpServer server;
    private ExecutorService executor;

    /** Stores received files in a temp directory that {@link #stop()} deletes. */
    public TwoCheckoutReceiverSimulator() {
        this(null);
    }

    /** Stores received files in {@code storageDir}, which is kept after {@link #stop()}. */
    public TwoCheckoutReceiverSimulator(Path storageDir) {
        this.configuredStorageDir = storageDir;
    }

    public void addAccount(String merchant, String secretKey) {
        accounts.put(merchant, secretKey);
    }

    /** Which fields enter the HMAC, in order. */
    public void setSignedFields(List<String> names) {
        signedFields = List.copyOf(names);
    }

    /** The form field name of the file part. */
    public void setFilePartName(String name) {
        filePartName = name;
    }

    /** Answers {@code httpStatus} to the next {@code n} requests, after reading but without processing them. */
    public void failNext(int n, int httpStatus) {
        faults.failNext(n, httpStatus);
    }

    /**
     * Holds the answer to the next {@code n} requests for {@code d} (after processing them: the upload is kept);
     * other requests go on meanwhile. {@link #releaseDelayed()} lets them go early.
     */
    public void delayNext(int n, Duration d) {
        faults.delayNext(n, d);
    }

    /** Lets every answer now held by {@link #delayNext} go at once. */
    public void releaseDelayed() {
        held.releaseAll();
    }

    /** Waits until {@code count} answers are being held by {@link #delayNext}; false on timeout. */
    public boolean awaitDelayed(int count, Duration timeout) throws InterruptedException {
        return held.awaitHeld(count, timeout);
    }

    /**
     * Processes and keeps the next {@code n} uploads as usual (they count in {@link #accepted()} when valid), then
     * answers {@code httpStatus} instead of the verdict: the receiver stored the file and failed afterwards.
     */
    public void failAfterStoreNext(int n, int httpStatus) {
        faults.failAfterStoreNext(n, httpStatus);
    }

    /**
     * Reads the next {@code n} requests whole, then closes their connection without any
     * response: the client's request was written, and it sees EOF or a reset.
     */
    public void dropNext(int n) {
        faults.dropNext(n);
    }

    public synchronized void start(int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port());
        }
        storageDir = configuredStorageDir != null
                ? Files.createDirectories(configuredStorageDir)
                : Files.createTempDirectory("usagebridge-twocheckout-");
        HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        created.createContext(PATH, this::handle);
        // a pool, so a delayed request does not hold up the others
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "twocheckout-sim-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.start();
        server = created;
        LOG.info("2Checkout receiver simulator listening on {}", url());
    }

    /** Stops at once; stored files are deleted unless a storage directory was given. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
        if (configuredStorageDir == null) {
            deleteTree(storageDir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://localhost:" + port() + PATH;
    }

    /** Every processed request (faulted ones are not processed), oldest first. */
    public List<ReceivedUpload> received() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The processed requests answered {@code 1}. */
    public List<ReceivedUpload> accepted() {
        return received().stream().filter(ReceivedUpload::accepted).toList();
    }

    /** MD5 of the file in the last processed request, or null. */
    public String lastFileMd5() {
        List<ReceivedUpload> all = received();
        return all.isEmpty() ? null : all.get(all.size() - 1).fileMd5();
    }

    /** Every request that reached the receiver, faulted ones included. */
    public int requestCount() {
        return requestCount.get();
    }

    /** When each request arrived, faulted ones included: the simulator's clock, for asserting waits. */
    public List<Instant> requestTimes() {
        return List.copyOf(requestTimes);
    }

    /**
     * Forgets the records (deleting their stored files), the request count and the fault knobs,
     * and restores the default signed fields and file part name. Accounts stay.
     */
    public void reset() {
        List<ReceivedUpload> old;
        synchronized (records) {
            old = List.copyOf(records);
            records.clear();
        }
        for (ReceivedUpload upload : old) {
            deleteQuietly(upload.file());
        }
        requestCount.set(0);
        requestTimes.clear();
        faults.clear();
        held.releaseAll();
        signedFields = DEFAULT_SIGNED_FIELDS;
        filePartName = DEFAULT_FILE_PART_NAME;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requestCount.incrementAndGet();
        Instant receivedAt = Instant.now();
        requestTimes.add(receivedAt);
        FaultSchedule.Faults fault = faults.next();
        try (exchange) {
            if (fault.drop() || fault.fail()) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                if (!held.hold(fault.delay()) || fault.drop()) {
                    // closing before any response header was sent closes the connection
                    LOG.info("2Checkout simulator dropped request {} without a response", requestCount());
                    return;
                }
                LOG.info("2Checkout simulator failed a request with HTTP {}", fault.failStatus());
                respond(exchange, fault.failStatus(),
                        "<html><body><h1>" + fault.failStatus() + "</h1>simulated failure</body></html>");
                return;
            }
            ReceivedUpload upload = process(exchange, receivedAt);
            synchronized (records) {
                records.add(upload);
            }
            LOG.info("2Checkout simulator: merchant={} file={} size={} md5={} -> {}",
                    upload.fields().get("merchant"), upload.fileName(), upload.size(), upload.fileMd5(), upload.reply());
            if (!held.hold(fault.delay())) {
                return;
            }
            if (fault.failAfterStore()) {
                LOG.info("2Checkout simulator kept request {} and failed it with HTTP {}", requestCount(),
                        fault.storedFailStatus());
                respond(exchange, fault.storedFailStatus(),
                        "<html><body><h1>" + fault.storedFailStatus() + "</h1>simulated failure</body></html>");
                return;
            }
            respond(exchange, 200, upload.reply());
        }
    }

    private ReceivedUpload process(HttpExchange exchange, Instant receivedAt) throws IOException {
        MultipartForm form = readForm(exchange);
        String partName = filePartName;
        Optional<MultipartForm.FilePart> filePart = form.file(partName);
        for (MultipartForm.FilePart other : form.files()) {
            if (filePart.isEmpty() || other != filePart.get()) {
                deleteQuietly(other.file());
            }
        }
        String reply = verdict(form.fields(), filePart);
        return new ReceivedUpload(form.fields(),
                filePart.map(MultipartForm.FilePart::fileName).orElse(null),
                filePart.map(MultipartForm.FilePart::file).orElse(null),
                filePart.map(MultipartForm.FilePart::size).orElse(0L),
                filePart.map(MultipartForm.FilePart::md5).orElse(null),
                reply, lowerCaseHeaders(exchange), receivedAt);
    }

    private MultipartForm readForm(HttpExchange exchange) throws IOException {
        String boundary = MultipartFormReader.boundaryOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        InputStream body = exchange.getRequestBody();
        if (boundary == null) {
            body.transferTo(OutputStream.nullOutputStream());
            return MultipartForm.EMPTY;
        }
        try {
            return new MultipartFormReader(storageDir).read(body, exchange.getRequestHeaders().getFirst("Content-Type"));
        } catch (IOException e) {
            // PHP hands a script an empty $_POST for a body it cannot parse: the merchant check fails
            LOG.warn("2Checkout simulator could not parse the multipart body: {}", e.getMessage());
            return MultipartForm.EMPTY;
        }
    }

    private String verdict(Map<String, String> fields, Optional<MultipartForm.FilePart> filePart) {
        String merchant = fields.get("merchant");
        String secretKey = merchant == null ? null : accounts.get(merchant);
        if (secretKey == null) {
            return INVALID_ACCOUNT;
        }
        String receivedMd5 = filePart.map(MultipartForm.FilePart::md5).orElse(null);
        if (receivedMd5 == null || !receivedMd5.equals(fields.get("file_MD5"))) {
            return BAD_FILE_SIGNATURE;
        }
        List<String> signedValues = signedFields.stream().map(name -> fields.getOrDefault(name, "")).toList();
        if (!TwoCheckoutHmac.hash(secretKey, signedValues).equals(fields.get("hash"))) {
            return INVALID_SIGNATURE;
        }
        return ACCEPTED;
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).addAll(values));
        return headers;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
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
            paths.sorted(Comparator.reverseOrder()).forEach(TwoCheckoutReceiverSimulator::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }
}
