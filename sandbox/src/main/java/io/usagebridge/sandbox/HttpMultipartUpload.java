package io.usagebridge.sandbox;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request the HTTP multipart receiver simulator processed, as it arrived, and its verdict.
 *
 * @param id         the id the receiver answered for a stored upload, or null when refused
 * @param fileName   the {@code filename=} of the file part, or null when there was none
 * @param file       where a stored upload's bytes are, or null when refused (its bytes are not kept)
 * @param size       bytes received in the file part (0 when none)
 * @param md5        MD5 of the bytes received, lower-case hex, or null when there was no file part
 * @param fields     every text field as sent
 * @param headers    request headers, names lower-cased (Authorization included: this is a test fixture)
 * @param status     the HTTP status answered
 * @param reason     why it was refused, or null when stored
 * @param receivedAt when the request reached the simulator
 */
public record HttpMultipartUpload(String id, String fileName, Path file, long size, String md5,
                                  Map<String, String> fields, Map<String, List<String>> headers, int status,
                                  String reason, Instant receivedAt) {

    public HttpMultipartUpload {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        headers = RequestHeaders.copyOf(headers);
    }

    public boolean stored() {
        return id != null;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        return RequestHeaders.first(headers, name);
    }
}
