package io.usagebridge.sandbox.insights;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.usagebridge.sandbox.Reply;
import io.usagebridge.sandbox.SimulatorServer;
import io.usagebridge.sandbox.StoredBytes;
import io.usagebridge.sandbox.UrlEncodedForm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-like store behind query-string signed URLs (AWSAccessKeyId, Expires, Signature; S3 signature version 2):
 * the signature covers the verb, Content-MD5, Content-Type, Expires and the object's path, so a PUT carrying a
 * Content-Type or Content-MD5 that was not signed is refused (403 SignatureDoesNotMatch), as is an expired or
 * altered URL. Like S3 it wants a Content-Length (411 without one, 501 for chunked transfer) and refuses an
 * Authorization header next to query authentication. Bytes are streamed to disk and their MD5 recorded.
 */
final class SignedUrlStore extends SimulatorServer<SignedUrlStore.Put> {

    static final String ACCESS_KEY_ID = "SANDBOXINSIGHTSKEY01";
    static final String BUCKET = "insights-sandbox-fileupload";

    private static final Logger LOG = LoggerFactory.getLogger(SignedUrlStore.class);

    /** What a signed URL was issued for. */
    record Ticket(String objectKey, String dataSource, String recordType, String batchDate, long expires) {
    }

    private final byte[] secret = new byte[32];
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final InsightsFaults faults;
    private final Supplier<Clock> clock;
    private final Consumer<InsightsRequest> requests;
    private final Consumer<StoredRecordFile> stored;
    /** Every PUT's bytes and times, for a client's throughput as the store saw it (guarded by itself). */
    private final List<PutTiming> timings = new ArrayList<>();

    /** One request as timed here: from its arrival to its answer, the body read in between. */
    record PutTiming(String path, int status, long bytes, Instant receivedAt, Instant answeredAt) {
    }

    SignedUrlStore(Path storageDir, InsightsFaults faults, Supplier<Clock> clock, Consumer<InsightsRequest> requests,
                   Consumer<StoredRecordFile> stored) {
        super("insights-store", storageDir, "/");
        new SecureRandom().nextBytes(secret);
        this.faults = faults;
        this.clock = clock;
        this.requests = requests;
        this.stored = stored;
    }

    /** A signed URL for one PUT of one record type's file, valid until {@code expiresAt}. */
    String issue(String host, int port, String dataSource, String recordType, String batchDate, Instant expiresAt) {
        String objectKey = "/" + BUCKET + "/" + encode(dataSource) + "/" + encode(recordType) + "/"
                + batchDate.replaceAll("[^0-9A-Za-z]", "") + "/" + UUID.randomUUID() + ".dat";
        long expires = expiresAt.getEpochSecond();
        tickets.put(objectKey, new Ticket(objectKey, dataSource, recordType, batchDate, expires));
        String signature = sign("PUT", "", "", expires, objectKey);
        return scheme() + "://" + host + ":" + port + objectKey + "?AWSAccessKeyId=" + ACCESS_KEY_ID + "&Expires=" + expires
                + "&Signature=" + encode(signature);
    }

    /** Forgets the URLs issued and the request count and knobs. */
    void forget() {
        tickets.clear();
        synchronized (timings) {
            timings.clear();
        }
        resetCountsAndFaults();
    }

    /** S3 signature version 2 of a query-string authenticated request, Base64 of HMAC-SHA1. */
    String sign(String verb, String contentMd5, String contentType, long expires, String resource) {
        String stringToSign = verb + "\n" + contentMd5 + "\n" + contentType + "\n" + expires + "\n" + resource;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every JVM", e);
        }
    }

    @Override
    protected Put receive(HttpExchange exchange) {
        Map<String, List<String>> headers = requestHeaders(exchange);
        return new Put(exchange, first(headers, "host"), headers, clock.get().instant());
    }

    @Override
    protected void discard(Put put, HttpExchange exchange) throws IOException {
        put.bytes = drain(exchange);
    }

    @Override
    protected Reply failure(Put put, int status) {
        String code = status == 503 ? "SlowDown" : status >= 500 ? "InternalError" : "InvalidRequest";
        String message = status == 503 ? "Please reduce your request rate." : status >= 500
                ? "We encountered an internal error. Please try again." : "The request was refused.";
        return error(status, code, message, "");
    }

    @Override
    protected Reply process(Put put) throws IOException {
        return put(put.exchange, put.headers, put.path, put.query, put.receivedAt, put);
    }

    @Override
    protected Reply answering(Put put, Reply reply) {
        put.flush(reply.status());
        LOG.info("Insights store: {} {} -> {}", put.method, put.path, reply.status());
        return reply;
    }

    @Override
    protected void finished(Put put) {
        put.flush(0);
    }

    @Override
    protected void describeState(ObjectNode state) {
        state.put("urlsIssued", tickets.size());
        var puts = state.putArray("requests");
        synchronized (timings) {
            for (PutTiming t : timings) {
                puts.addObject().put("path", t.path()).put("status", t.status()).put("bytes", t.bytes())
                        .put("receivedAt", t.receivedAt().toString()).put("answeredAt", t.answeredAt().toString());
            }
        }
    }

    /** One request's record, added once: before its answer leaves, so a client holding the answer sees it. */
    final class Put {
        private final HttpExchange exchange;
        private final String method;
        private final String host;
        private final String path;
        private final String query;
        private final Map<String, List<String>> headers;
        private final Instant receivedAt;
        private long bytes;
        private String md5;
        private boolean done;

        Put(HttpExchange exchange, String host, Map<String, List<String>> headers, Instant receivedAt) {
            this.exchange = exchange;
            this.method = exchange.getRequestMethod();
            this.host = host;
            this.path = exchange.getRequestURI().getRawPath();
            this.query = exchange.getRequestURI().getRawQuery();
            this.headers = headers;
            this.receivedAt = receivedAt;
        }

        void flush(int status) {
            if (!done) {
                done = true;
                synchronized (timings) {
                    timings.add(new PutTiming(path, status, bytes, receivedAt, clock.get().instant()));
                }
                requests.accept(new InsightsRequest("store", method, host, path, query, status, Map.of(), headers,
                        bytes, md5, receivedAt));
            }
        }
    }

    private Reply put(HttpExchange exchange, Map<String, List<String>> headers, String path, String query,
                      Instant now, Put record) throws IOException {
        if (!"PUT".equals(exchange.getRequestMethod())) {
            return refused(record, 405, "MethodNotAllowed", "The specified method is not allowed against this "
                    + "resource.", "");
        }
        String redirect = faults.redirect();
        if (redirect != null) {
            return refused(record, 307, "TemporaryRedirect", "Please re-send this request to the specified "
                    + "temporary endpoint.", "<Endpoint>" + xml(redirect) + "</Endpoint>").withHeader("Location", redirect);
        }
        String transferEncoding = first(headers, "transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return refused(record, 501, "NotImplemented", "A header you provided implies functionality that is not "
                    + "implemented", "<Header>Transfer-Encoding</Header>");
        }
        String contentLength = first(headers, "content-length");
        if (contentLength == null) {
            return refused(record, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.",
                    "");
        }
        Map<String, String> q = UrlEncodedForm.parse(query);
        if (!q.containsKey("AWSAccessKeyId") || !q.containsKey("Expires") || !q.containsKey("Signature")) {
            return refused(record, 403, "AccessDenied", "Query-string authentication requires the Signature, Expires "
                    + "and AWSAccessKeyId parameters", "");
        }
        if (first(headers, "authorization") != null) {
            return refused(record, 400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm "
                    + "query parameter, Signature query string parameter or the Authorization header should be "
                    + "specified", "<ArgumentName>Authorization</ArgumentName>");
        }
        if (!ACCESS_KEY_ID.equals(q.get("AWSAccessKeyId"))) {
            return refused(record, 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in "
                    + "our records.", "");
        }
        long expires;
        try {
            expires = Long.parseLong(q.get("Expires"));
        } catch (NumberFormatException e) {
            return refused(record, 403, "AccessDenied", "Invalid date (should be seconds since epoch): "
                    + q.get("Expires"), "");
        }
        if (now.getEpochSecond() > expires || faults.expiredAtStore()) {
            return refused(record, 403, "AccessDenied", "Request has expired", "<Expires>"
                    + Instant.ofEpochSecond(expires) + "</Expires><ServerTime>" + now + "</ServerTime>");
        }
        // checked by hand, byte for byte: the point of this store is to refuse what a real S3 refuses, so a PUT
        // that adds an unsigned Content-Type or Content-MD5 fails here as it would at Zuora's store
        String contentMd5 = first(headers, "content-md5");
        String contentType = first(headers, "content-type");
        String expected = sign("PUT", contentMd5 == null ? "" : contentMd5, contentType == null ? "" : contentType,
                expires, path);
        Ticket ticket = tickets.get(path);
        if (ticket == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                q.get("Signature").getBytes(StandardCharsets.UTF_8))) {
            record.bytes = drain(exchange);
            String stringToSign = "PUT\n" + (contentMd5 == null ? "" : contentMd5) + "\n"
                    + (contentType == null ? "" : contentType) + "\n" + expires + "\n" + path;
            return error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match "
                    + "the signature you provided. Check your key and signing method.", "<AWSAccessKeyId>"
                    + ACCESS_KEY_ID + "</AWSAccessKeyId><StringToSign>" + xml(stringToSign) + "</StringToSign>");
        }
        int failure = faults.nextPutFailure(ticket.recordType());
        if (failure > 0) {
            record.bytes = drain(exchange);
            return failure(record, failure);
        }
        StoredBytes received;
        try (InputStream in = exchange.getRequestBody()) {
            received = StoredBytes.copy(in, storageDir().resolve(UUID.randomUUID() + ".dat"));
        }
        Path file = received.file();
        record.bytes = received.size();
        record.md5 = received.md5();
        if (record.bytes != Long.parseLong(contentLength.trim())) {
            Files.deleteIfExists(file);
            return error(400, "IncompleteBody", "You did not provide the number of bytes specified by the "
                    + "Content-Length HTTP header", "");
        }
        if (contentMd5 != null && !contentMd5.equals(Base64.getEncoder().encodeToString(HexFormat.of()
                .parseHex(record.md5)))) {
            Files.deleteIfExists(file);
            return error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.",
                    "");
        }
        stored.accept(new StoredRecordFile(ticket.dataSource(), ticket.recordType(), ticket.batchDate(),
                ticket.objectKey(), file, record.bytes, record.md5, now));
        LOG.info("Insights store: PUT {} {} bytes md5 {} ({} / {} / batchDate {})", path, record.bytes, record.md5,
                ticket.dataSource(), ticket.recordType(), ticket.batchDate());
        return Reply.empty(200).withHeader("ETag", "\"" + record.md5 + "\"");
    }

    /** Reads the refused request's body (S3 answers once it has it), then S3's error document. */
    private static Reply refused(Put put, int status, String code, String message, String extra) throws IOException {
        put.bytes = drain(put.exchange);
        return error(status, code, message, extra);
    }

    /** S3's error document. */
    private static Reply error(int status, String code, String message, String extra) {
        return Reply.text(status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                + "</Code><Message>" + xml(message) + "</Message>" + extra + "<RequestId>" + UUID.randomUUID()
                .toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT) + "</RequestId></Error>");
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
