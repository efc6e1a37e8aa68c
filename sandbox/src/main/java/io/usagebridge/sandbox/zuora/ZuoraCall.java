package io.usagebridge.sandbox.zuora;

import com.sun.net.httpserver.HttpExchange;
import io.usagebridge.sandbox.MultipartForm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What is known about one request while it is handled; becomes a {@link ZuoraRestRequest}. */
final class ZuoraCall {

    private static final String TRACK_ID_FORBIDDEN = ":;\"'";

    final HttpExchange exchange;
    final String method;
    final String path;
    final String query;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final Instant receivedAt;
    final String idempotencyKey;
    String trackId;
    Map<String, String> fields = Map.of();
    MultipartForm.FilePart file;
    String reservedKey;
    int status;
    boolean answered;
    boolean replayed;
    boolean recorded;
    /** The name a response file download is offered under. */
    String downloadName;

    ZuoraCall(HttpExchange exchange, Instant receivedAt) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        this.path = exchange.getRequestURI().getPath();
        this.query = exchange.getRequestURI().getRawQuery();
        this.receivedAt = receivedAt;
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).addAll(values));
        String key = header("idempotency-key");
        // Zuora takes the key on POST and PATCH only; other methods are idempotent anyway
        this.idempotencyKey = (is("POST") || is("PATCH")) && key != null && !key.isEmpty() ? key : null;
    }

    /** Everything but the token endpoint, which the knobs, limits and concurrency headers spare. */
    boolean isApi() {
        return !ZuoraRestSimulator.TOKEN_PATH.equals(path);
    }

    boolean is(String httpMethod) {
        return method.equals(httpMethod);
    }

    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Keeps a valid Zuora-Track-Id for echoing; @return what is wrong with it, or null. */
    String checkTrackId() {
        String value = header("zuora-track-id");
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > ZuoraRestSimulator.MAX_TRACK_ID_LENGTH) {
            return "Zuora-Track-Id must not be longer than " + ZuoraRestSimulator.MAX_TRACK_ID_LENGTH + " characters.";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "Zuora-Track-Id must use the US-ASCII character set.";
            }
            if (TRACK_ID_FORBIDDEN.indexOf(c) >= 0) {
                return "Zuora-Track-Id must not contain colon (:), semicolon (;), double quote (\") "
                        + "or quote (').";
            }
        }
        trackId = value;
        return null;
    }

    boolean acceptsGzip() {
        List<String> values = headers.getOrDefault("accept-encoding", List.of());
        for (String value : values) {
            for (String coding : value.split(",")) {
                String[] parts = coding.split(";");
                if (parts[0].trim().equalsIgnoreCase("gzip") && !refused(parts)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean refused(String[] codingParts) {
        for (int i = 1; i < codingParts.length; i++) {
            String parameter = codingParts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    ZuoraRestRequest record() {
        return new ZuoraRestRequest(method, path, query, headers, fields,
                file == null ? null : file.fileName(), file == null ? null : file.file(),
                file == null ? 0 : file.size(), file == null ? null : file.md5(),
                header("idempotency-key"), header("zuora-track-id"), status, answered, replayed, receivedAt);
    }
}
