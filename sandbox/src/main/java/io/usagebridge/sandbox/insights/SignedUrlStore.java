package io.usagebridge.sandbox.insights;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
final class SignedUrlStore {

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
    private final Supplier<Path> storageDir;
    private final Consumer<InsightsRequest> requests;
    private final Consumer<StoredRecordFile> stored;

    SignedUrlStore(InsightsFaults faults, Supplier<Clock> clock, Supplier<Path> storageDir,
                   Consumer<InsightsRequest> requests, Consumer<StoredRecordFile> stored) {
        new SecureRandom().nextBytes(secret);
        this.faults = faults;
        this.clock = clock;
        this.storageDir = storageDir;
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
        return "http://" + host + ":" + port + objectKey + "?AWSAccessKeyId=" + ACCESS_KEY_ID + "&Expires=" + expires
                + "&Signature=" + encode(signature);
    }

    void forgetTickets() {
        tickets.clear();
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

    void handle(HttpExchange exchange) {
        Instant now = clock.get().instant();
        Map<String, List<String>> headers = InsightsBatchSimulator.lowerCased(exchange.getRequestHeaders());
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        Record record = new Record(exchange.getRequestMethod(), first(headers, "host"), path, query, headers, now);
        try (exchange) {
            put(exchange, headers, path, query, now, record);
        } catch (IOException e) {
            LOG.debug("Insights store lost the client of PUT {}", path, e);
        } finally {
            record.flush(0);
        }
    }

    /** One request's record, added once: before its answer leaves, so a client holding the answer sees it. */
    private final class Record {
        private final String method;
        private final String host;
        private final String path;
        private final String query;
        private final Map<String, List<String>> headers;
        private final Instant receivedAt;
        private long bytes;
        private String md5;
        private boolean done;

        Record(String method, String host, String path, String query, Map<String, List<String>> headers,
               Instant receivedAt) {
            this.method = method;
            this.host = host;
            this.path = path;
            this.query = query;
            this.headers = headers;
            this.receivedAt = receivedAt;
        }

        void flush(int status) {
            if (!done) {
                done = true;
                requests.accept(new InsightsRequest("store", method, host, path, query, status, Map.of(), headers,
                        bytes, md5, receivedAt));
            }
        }
    }

    private void put(HttpExchange exchange, Map<String, List<String>> headers, String path, String query, Instant now,
                     Record record) throws IOException {
        if (!"PUT".equals(exchange.getRequestMethod())) {
            record.bytes = drain(exchange);
            error(exchange, record, 405, "MethodNotAllowed", "The specified method is not allowed against this "
                    + "resource.", "");
            return;
        }
        String redirect = faults.redirect();
        if (redirect != null) {
            record.bytes = drain(exchange);
            exchange.getResponseHeaders().set("Location", redirect);
            error(exchange, record, 307, "TemporaryRedirect", "Please re-send this request to the specified "
                    + "temporary endpoint.", "<Endpoint>" + xml(redirect) + "</Endpoint>");
            return;
        }
        String transferEncoding = first(headers, "transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            record.bytes = drain(exchange);
            error(exchange, record, 501, "NotImplemented", "A header you provided implies functionality that is not "
                    + "implemented", "<Header>Transfer-Encoding</Header>");
            return;
        }
        String contentLength = first(headers, "content-length");
        if (contentLength == null) {
            record.bytes = drain(exchange);
            error(exchange, record, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.",
                    "");
            return;
        }
        Map<String, String> q = parseQuery(query);
        if (!q.containsKey("AWSAccessKeyId") || !q.containsKey("Expires") || !q.containsKey("Signature")) {
            record.bytes = drain(exchange);
            error(exchange, record, 403, "AccessDenied", "Query-string authentication requires the Signature, Expires "
                    + "and AWSAccessKeyId parameters", "");
            return;
        }
        if (first(headers, "authorization") != null) {
            record.bytes = drain(exchange);
            error(exchange, record, 400, "InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm "
                    + "query parameter, Signature query string parameter or the Authorization header should be "
                    + "specified", "<ArgumentName>Authorization</ArgumentName>");
            return;
        }
        if (!ACCESS_KEY_ID.equals(q.get("AWSAccessKeyId"))) {
            record.bytes = drain(exchange);
            error(exchange, record, 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in "
                    + "our records.", "");
            return;
        }
        long expires;
        try {
            expires = Long.parseLong(q.get("Expires"));
        } catch (NumberFormatException e) {
            record.bytes = drain(exchange);
            error(exchange, record, 403, "AccessDenied", "Invalid date (should be seconds since epoch): "
                    + q.get("Expires"), "");
            return;
        }
        if (now.getEpochSecond() > expires || faults.expiredAtStore()) {
            record.bytes = drain(exchange);
            error(exchange, record, 403, "AccessDenied", "Request has expired", "<Expires>"
                    + Instant.ofEpochSecond(expires) + "</Expires><ServerTime>" + now + "</ServerTime>");
            return;
        }
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
            error(exchange, record, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match "
                    + "the signature you provided. Check your key and signing method.", "<AWSAccessKeyId>"
                    + ACCESS_KEY_ID + "</AWSAccessKeyId><StringToSign>" + xml(stringToSign) + "</StringToSign>");
            return;
        }
        int failure = faults.nextPutFailure(ticket.recordType());
        if (failure > 0) {
            record.bytes = drain(exchange);
            String code = failure == 503 ? "SlowDown" : failure >= 500 ? "InternalError" : "InvalidRequest";
            String message = failure == 503 ? "Please reduce your request rate." : failure >= 500
                    ? "We encountered an internal error. Please try again." : "The request was refused.";
            error(exchange, record, failure, code, message, "");
            return;
        }
        if (faults.dropPut()) {
            record.bytes = drain(exchange);
            LOG.info("Insights store dropped PUT {} without an answer", path);
            return; // closing before any response header was sent closes the connection
        }
        Path dir = Files.createDirectories(storageDir.get());
        Path file = dir.resolve(UUID.randomUUID() + ".dat");
        MessageDigest digest = md5Digest();
        try (InputStream in = new DigestInputStream(exchange.getRequestBody(), digest);
             OutputStream out = Files.newOutputStream(file)) {
            record.bytes = in.transferTo(out);
        }
        record.md5 = HexFormat.of().formatHex(digest.digest());
        if (record.bytes != Long.parseLong(contentLength.trim())) {
            Files.deleteIfExists(file);
            error(exchange, record, 400, "IncompleteBody", "You did not provide the number of bytes specified by the "
                    + "Content-Length HTTP header", "");
            return;
        }
        if (contentMd5 != null && !contentMd5.equals(Base64.getEncoder().encodeToString(HexFormat.of()
                .parseHex(record.md5)))) {
            Files.deleteIfExists(file);
            error(exchange, record, 400, "BadDigest", "The Content-MD5 you specified did not match what we received.",
                    "");
            return;
        }
        stored.accept(new StoredRecordFile(ticket.dataSource(), ticket.recordType(), ticket.batchDate(),
                ticket.objectKey(), file, record.bytes, record.md5, now));
        exchange.getResponseHeaders().set("ETag", "\"" + record.md5 + "\"");
        record.flush(200);
        exchange.sendResponseHeaders(200, -1);
        LOG.info("Insights store: PUT {} {} bytes md5 {} ({} / {} / batchDate {})", path, record.bytes, record.md5,
                ticket.dataSource(), ticket.recordType(), ticket.batchDate());
    }

    private static void error(HttpExchange exchange, Record record, int status, String code, String message,
                              String extra) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + xml(message) + "</Message>" + extra + "<RequestId>" + UUID.randomUUID().toString()
                .replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT) + "</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        record.flush(status);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        LOG.info("Insights store: {} {} -> {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                status, code);
    }

    static Map<String, String> parseQuery(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static long drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
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

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is required by every JVM", e);
        }
    }
}
