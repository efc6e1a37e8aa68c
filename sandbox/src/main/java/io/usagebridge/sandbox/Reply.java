package io.usagebridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer a simulator sends, or keeps to send again (an idempotent replay): status, Content-Type, extra headers
 * and a body held in memory or a file streamed from disk.
 *
 * @param contentType null when the answer has no body
 * @param body        the body, or null when {@code file} is sent or there is none
 * @param file        a file to send as the body, or null
 */
public record Reply(int status, String contentType, Map<String, String> headers, byte[] body, Path file) {

    private static final Reply CLOSE = new Reply(0, null, Map.of(), null, null);

    public Reply {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static Reply bytes(int status, String contentType, byte[] body) {
        return new Reply(status, contentType, Map.of(), body, null);
    }

    public static Reply text(int status, String contentType, String body) {
        return bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply json(int status, com.fasterxml.jackson.databind.JsonNode body) {
        return bytes(status, "application/json; charset=utf-8", JsonBodies.bytes(body));
    }

    public static Reply file(int status, String contentType, Path file) {
        return new Reply(status, contentType, Map.of(), null, file);
    }

    /** A status and headers, no body. */
    public static Reply empty(int status) {
        return new Reply(status, null, Map.of(), null, null);
    }

    /** No answer at all: the connection is closed before any byte of a response is sent. */
    public static Reply closeConnection() {
        return CLOSE;
    }

    public boolean closesConnection() {
        return this == CLOSE;
    }

    /** This answer with one more header (replacing one of that name). */
    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, more, body, file);
    }

    /** This answer with another body of another type (e.g. gzipped). */
    public Reply withBody(byte[] otherBody) {
        return new Reply(status, contentType, headers, otherBody, null);
    }
}
