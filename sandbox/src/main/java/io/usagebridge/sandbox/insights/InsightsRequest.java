package io.usagebridge.sandbox.insights;

import io.usagebridge.sandbox.RequestHeaders;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request that reached the Insights simulator: the Batch API ({@code api}) or the signed-URL store
 * ({@code store}), as it arrived, with the status it was answered (0 when the connection was dropped).
 *
 * @param server     {@code api} or {@code store}
 * @param host       the Host header as sent
 * @param query      the raw query string, or null
 * @param fields     the form fields of an upload-URL request, decoded as a server does ({@code +} is a space)
 * @param headers    request headers, names lower-cased
 * @param bodyBytes  bytes of the request body read
 * @param bodyMd5    MD5 of the body of a stored PUT (lower-case hex), else null
 */
public record InsightsRequest(String server, String method, String host, String path, String query, int status,
                              Map<String, String> fields, Map<String, List<String>> headers, long bodyBytes,
                              String bodyMd5, Instant receivedAt) {

    public InsightsRequest {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        headers = RequestHeaders.copyOf(headers);
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        return RequestHeaders.first(headers, name);
    }

    public boolean isUploadUrlCall() {
        return "api".equals(server);
    }

    public boolean isPut() {
        return "store".equals(server) && "PUT".equals(method);
    }
}
