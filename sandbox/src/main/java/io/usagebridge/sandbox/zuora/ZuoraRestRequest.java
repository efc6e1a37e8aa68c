package io.usagebridge.sandbox.zuora;

import io.usagebridge.sandbox.RequestHeaders;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request that reached the Zuora simulator, faulted ones included.
 *
 * @param method          HTTP method
 * @param path            request path, without the query
 * @param query           raw query string, or null
 * @param headers         request headers, names lower-cased (Authorization included: a test fixture)
 * @param fields          multipart text fields ({@code params}, ...) or the token form's fields
 * @param fileName        the {@code filename=} of the {@code file} part, or null
 * @param file            where the {@code file} part's bytes are stored, or null
 * @param fileSize        bytes in the {@code file} part (0 when none)
 * @param fileMd5         MD5 of the {@code file} part, lower-case hex, or null
 * @param idempotencyKey  the {@code Idempotency-Key} header, or null
 * @param trackId         the {@code Zuora-Track-Id} header, or null
 * @param status          the HTTP status of the answer (also when the connection was then dropped);
 *                        0 when the request was dropped before any answer was made
 * @param answered        false when the connection was closed without sending the answer
 * @param replayed        true when the answer was an idempotent replay of an earlier one
 * @param receivedAt      when the request arrived, by the simulator's clock
 */
public record ZuoraRestRequest(String method, String path, String query, Map<String, List<String>> headers,
                               Map<String, String> fields, String fileName, Path file, long fileSize,
                               String fileMd5, String idempotencyKey, String trackId, int status,
                               boolean answered, boolean replayed, Instant receivedAt) {

    public ZuoraRestRequest {
        headers = RequestHeaders.copyOf(headers);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        return RequestHeaders.first(headers, name);
    }
}
