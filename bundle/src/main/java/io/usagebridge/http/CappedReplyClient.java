package io.usagebridge.http;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.spi.StreamCachingStrategy;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;

import io.usagebridge.failure.FailureCode;

/**
 * Caps every answer of the HTTP clients it configures, where camel-http reads it: outermost in the client's chain
 * (after decompression, so a zip bomb counts its unpacked bytes), every body is a {@link CappedReplyEntity}. Over
 * the cap, or closed before its end, the connection is discarded (closed at once, never drained), so a body that
 * never ends costs at most the cap and frees its thread. Set on the http and https components for answers
 * ({@code http.max-reply-bytes}); result downloads name one with {@code http.max-result-bytes}.
 */
public final class CappedReplyClient implements HttpClientConfigurer {

    /** The registry name of the one for result files: an endpoint names it as {@code &httpClientConfigurer=#...}. */
    public static final String RESULT_FILES = "resultFileClient";

    /** Endpoint options every call to a target carries: its answer is read from the connection by our readers. */
    public static final String STREAMED = "&disableStreamCache=true";

    /** ...and those of a result file's download, capped at {@code http.max-result-bytes}. */
    public static final String RESULT_FILE_DOWNLOAD = STREAMED + "&httpClientConfigurer=#" + RESULT_FILES;

    private final long maxBytes;
    private final String capKey;
    private final FailureCode code;

    public CappedReplyClient(long maxBytes, String capKey, FailureCode code) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException(capKey + " must not be negative, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.capKey = capKey;
        this.code = code;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("usagebridge-capped-reply", (request, scope, chain) -> {
            ClassicHttpResponse response = chain.proceed(request, scope);
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                // discarding the endpoint closes the socket at once; HttpClient's own close would drain it
                response.setEntity(new CappedReplyEntity(entity, maxBytes, capKey, code,
                        scope.execRuntime::discardEndpoint));
            }
            return response;
        });
    }

    /**
     * Camel caches a stream body before each step of a route (stream caching is on by default): an answer would be
     * copied whole into memory there, before any reader. Its stream is left alone, so readers read the connection.
     */
    public static void keepOutOfStreamCache(CamelContext context) {
        StreamCachingStrategy strategy = context.getStreamCachingStrategy();
        List<Class<?>> denied = new ArrayList<>();
        if (strategy.getDenyClasses() != null) {
            denied.addAll(strategy.getDenyClasses());
        }
        if (!denied.contains(CappedReplyStream.class)) {
            denied.add(CappedReplyStream.class);
        }
        strategy.setDenyClasses(denied.toArray(Class<?>[]::new));
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public String toString() {
        return "CappedReplyClient[" + capKey + "=" + maxBytes + "]";
    }
}
