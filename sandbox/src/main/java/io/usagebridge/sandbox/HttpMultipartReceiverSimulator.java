package io.usagebridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates an in-house billing receiver of multipart/form-data uploads with an MD5 ({@code POST /upload}), the
 * kind the {@code http-multipart} target sends to.
 *
 * <p>Checks run in this order: the bearer token (when one is required: 401), a multipart body with the file part
 * (400), the MD5 form field against the bytes received (400), the {@code Content-MD5} header, base64 of the same
 * digest (RFC 1864), against them too (400), the form fields it requires (400). Each refusal is a JSON error with the
 * reason ({@code {"error": "...", "message": "..."}}). A stored upload is answered 201
 * {@code {"id": "upl-N", "name", "size", "md5"}}. The fault knobs of the base apply; a 429 or 503 they answer carries
 * the Retry-After given to {@link #failNext(int, int, Duration)}.
 */
public final class HttpMultipartReceiverSimulator extends SimulatorServer<Arrival> {

    public static final String PATH = "/upload";
    public static final String DEFAULT_FILE_PART_NAME = "file";
    public static final String DEFAULT_MD5_FIELD_NAME = "md5";

    private static final Logger LOG = LoggerFactory.getLogger(HttpMultipartReceiverSimulator.class);

    private final List<HttpMultipartUpload> records = new ArrayList<>();
    private final AtomicInteger storedCount = new AtomicInteger();
    private volatile String token;
    private volatile String filePartName = DEFAULT_FILE_PART_NAME;
    private volatile String md5FieldName = DEFAULT_MD5_FIELD_NAME;
    private volatile Set<String> requiredFields = Set.of();
    private volatile Duration retryAfter;

    /** Stores received files in a temp directory that {@link #stop()} deletes. */
    public HttpMultipartReceiverSimulator() {
        this(null);
    }

    /** Stores received files in {@code storageDir}, which is kept after {@link #stop()}. */
    public HttpMultipartReceiverSimulator(Path storageDir) {
        super("http-multipart", storageDir, PATH);
    }

    /** Every upload must carry {@code Authorization: Bearer <token>}; null requires none. */
    public void requireToken(String bearerToken) {
        token = bearerToken;
    }

    /** The form field name of the file part. */
    public void setFilePartName(String name) {
        filePartName = name;
    }

    /** The form field name of the MD5. */
    public void setMd5FieldName(String name) {
        md5FieldName = name;
    }

    /** Text fields every upload must carry (an in-house receiver's account, source system ...). */
    public void requireFields(String... names) {
        requiredFields = Set.of(names);
    }

    /** As {@link #failNext(int, int)}; a 429 or 503 tells the client to come back after {@code wait}. */
    public void failNext(int n, int httpStatus, Duration wait) {
        retryAfter = FaultSchedule.requireNotNegative(wait, "Retry-After");
        failNext(n, httpStatus);
    }

    /**
     * Processes and keeps the next {@code n} uploads as usual (they count in {@link #stored()} when valid), then
     * answers {@code httpStatus} instead: the receiver stored the file and failed afterwards.
     */
    public void failAfterStoreNext(int n, int httpStatus) {
        faults().failAfterStoreNext(n, httpStatus);
    }

    /** The receiver's endpoint. */
    public String url() {
        return baseUrl() + PATH;
    }

    /** Every processed request (faulted ones are not processed), oldest first. */
    public List<HttpMultipartUpload> received() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The uploads it stored (answered 201, or kept before a store-then-fail knob failed them). */
    public List<HttpMultipartUpload> stored() {
        return received().stream().filter(HttpMultipartUpload::stored).toList();
    }

    /** Forgets the records (deleting their files), the request count, the knobs and every requirement set. */
    public void reset() {
        List<HttpMultipartUpload> old;
        synchronized (records) {
            old = List.copyOf(records);
            records.clear();
        }
        old.forEach(upload -> deleteQuietly(upload.file()));
        resetCountsAndFaults();
        token = null;
        filePartName = DEFAULT_FILE_PART_NAME;
        md5FieldName = DEFAULT_MD5_FIELD_NAME;
        requiredFields = Set.of();
        retryAfter = null;
    }

    // ---------------------------------------------------------------- the receiver

    @Override
    protected Arrival receive(HttpExchange exchange) {
        return Arrival.now(exchange);
    }

    @Override
    protected Reply process(Arrival arrival) throws IOException {
        HttpExchange exchange = arrival.exchange();
        String required = token;
        if (required != null && !("Bearer " + required).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            drain(exchange);
            record(arrival, MultipartForm.EMPTY, Optional.empty(), 401, "missing or wrong bearer token");
            return error(401, "invalid_token", "missing or wrong bearer token")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"upload\"");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (MultipartFormReader.boundaryOf(contentType) == null) {
            drain(exchange);
            return refuse(arrival, MultipartForm.EMPTY, Optional.empty(), "expected multipart/form-data with a "
                    + "boundary, got " + contentType);
        }
        MultipartForm form;
        try {
            form = new MultipartFormReader(storageDir()).read(exchange.getRequestBody(), contentType);
        } catch (IOException e) {
            drain(exchange);
            return refuse(arrival, MultipartForm.EMPTY, Optional.empty(), "malformed multipart body: "
                    + e.getMessage());
        }
        Optional<MultipartForm.FilePart> filePart = form.file(filePartName);
        for (MultipartForm.FilePart other : form.files()) {
            if (filePart.isEmpty() || other != filePart.get()) {
                deleteQuietly(other.file());
            }
        }
        String problem = problem(exchange, form, filePart);
        if (problem != null) {
            filePart.ifPresent(part -> deleteQuietly(part.file()));
            return refuse(arrival, form, filePart, problem);
        }
        MultipartForm.FilePart part = filePart.get();
        HttpMultipartUpload upload = record(arrival, form, filePart, 201, null);
        return Reply.json(201, JsonBodies.object().put("id", upload.id()).put("name", part.fileName())
                .put("size", part.size()).put("md5", part.md5()));
    }

    /** Why the upload is refused, or null when it is sound. */
    private String problem(HttpExchange exchange, MultipartForm form, Optional<MultipartForm.FilePart> filePart) {
        if (filePart.isEmpty()) {
            return "no file part named '" + filePartName + "'";
        }
        String computed = filePart.get().md5();
        String sentMd5 = form.fields().get(md5FieldName);
        if (sentMd5 == null) {
            return "no form field '" + md5FieldName + "' with the file's MD5";
        }
        if (!computed.equalsIgnoreCase(sentMd5.trim())) {
            return "form field " + md5FieldName + " = " + sentMd5 + " does not match the bytes received (MD5 "
                    + computed + ")";
        }
        String contentMd5 = exchange.getRequestHeaders().getFirst("Content-MD5");
        String expected = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(computed));
        if (contentMd5 == null) {
            return "no Content-MD5 header";
        }
        if (!expected.equals(contentMd5.trim())) {
            return "Content-MD5 " + contentMd5 + " does not match the bytes received (" + expected + ")";
        }
        for (String field : requiredFields) {
            if (!form.fields().containsKey(field) || form.fields().get(field).isBlank()) {
                return "missing form field '" + field + "'";
            }
        }
        return null;
    }

    private Reply refuse(Arrival arrival, MultipartForm form, Optional<MultipartForm.FilePart> filePart,
                         String reason) {
        record(arrival, form, filePart, 400, reason);
        return error(400, "bad_request", reason);
    }

    private HttpMultipartUpload record(Arrival arrival, MultipartForm form, Optional<MultipartForm.FilePart> filePart,
                                       int status, String reason) {
        boolean stored = reason == null;
        HttpMultipartUpload upload = new HttpMultipartUpload(stored ? "upl-" + storedCount.incrementAndGet() : null,
                filePart.map(MultipartForm.FilePart::fileName).orElse(null),
                stored ? filePart.map(MultipartForm.FilePart::file).orElse(null) : null,
                filePart.map(MultipartForm.FilePart::size).orElse(0L),
                filePart.map(MultipartForm.FilePart::md5).orElse(null),
                form.fields(), requestHeaders(arrival.exchange()), status, reason, arrival.receivedAt());
        // kept before any hold: an upload whose answer is held has arrived
        synchronized (records) {
            records.add(upload);
        }
        LOG.info("HTTP multipart simulator: file={} size={} md5={} -> {} {}", upload.fileName(), upload.size(),
                upload.md5(), status, stored ? upload.id() : reason);
        return upload;
    }

    private static Reply error(int status, String error, String message) {
        return Reply.json(status, JsonBodies.object().put("error", error).put("message", message));
    }

    @Override
    protected Reply failure(Arrival arrival, int status) {
        Reply reply = error(status, "simulated_failure", "simulated failure (HTTP " + status + ")");
        Duration wait = retryAfter;
        if (wait != null && (status == 429 || status == 503)) {
            reply = reply.withHeader("Retry-After", Long.toString((wait.toMillis() + 999) / 1000));
        }
        return reply;
    }

    @Override
    protected void describeState(ObjectNode state) {
        List<HttpMultipartUpload> all = received();
        state.put("processedCount", all.size())
                .put("storedCount", all.stream().filter(HttpMultipartUpload::stored).count());
        ArrayNode uploads = state.putArray("uploads");
        for (HttpMultipartUpload upload : all) {
            uploads.addObject().put("id", upload.id()).put("fileName", upload.fileName()).put("size", upload.size())
                    .put("md5", upload.md5()).put("status", upload.status()).put("reason", upload.reason())
                    .put("receivedAt", upload.receivedAt().toString());
        }
    }
}
