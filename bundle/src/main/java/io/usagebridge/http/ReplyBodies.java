package io.usagebridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Every read of a target's answer, capped: a reply body (JSON, a status word) is read up to
 * {@code http.max-reply-bytes} and a result file is streamed to disk up to {@code http.max-result-bytes}. A target
 * answering more gets a clear code, never the heap or the disk.
 */
public final class ReplyBodies {

    public static final String MAX_REPLY_BYTES_KEY = "http.max-reply-bytes";
    public static final int DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;
    public static final String MAX_RESULT_BYTES_KEY = "http.max-result-bytes";
    public static final long DEFAULT_MAX_RESULT_BYTES = 1024L * 1024 * 1024;

    private static final int BUFFER = 64 * 1024;

    private ReplyBodies() {
    }

    /** The answer in the exchange's message as UTF-8 text ("" when there is none); the stream is closed. */
    public static String read(Exchange exchange, String what) throws IOException {
        Object body = exchange.getMessage().getBody();
        if (body == null) {
            return "";
        }
        return read(exchange.getMessage().getBody(InputStream.class), maxReplyBytes(exchange.getContext()), what);
    }

    /**
     * The answer as JSON ({@code {}} when empty). Anything else (a proxy's HTML page, a cut body) fails with
     * TARGET_REPLY_UNREADABLE, naming what came, so the delivery is treated as one that may have arrived.
     */
    public static JsonNode json(ObjectMapper mapper, String body, String what) {
        try {
            return mapper.readTree(body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            String start = body.strip();
            start = start.length() > 60 ? start.substring(0, 60) + "..." : start;
            throw new UsageBridgeFailure(CoreFailureCode.TARGET_REPLY_UNREADABLE, what + " is not JSON (it starts "
                    + "with '" + start.replaceAll("\\p{Cntrl}", " ") + "')", body);
        }
    }

    /**
     * Reads at most {@code maxBytes} of {@code in} as UTF-8 text; one byte more fails with TARGET_REPLY_TOO_LARGE
     * and nothing past it is read. The stream is closed.
     *
     * @param what the answer, for the message: "2Checkout's answer", "Zuora's status answer"
     */
    public static String read(InputStream in, int maxBytes, String what) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(what, maxBytes);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (UsageBridgeFailure failure) {
            // the transport's own cap (CappedReplyClient) stopped it first: say which answer it was
            throw failure.code() == CoreFailureCode.TARGET_REPLY_TOO_LARGE ? tooLarge(what, maxBytes) : failure;
        }
    }

    private static UsageBridgeFailure tooLarge(String what, long maxBytes) {
        return new UsageBridgeFailure(CoreFailureCode.TARGET_REPLY_TOO_LARGE, what + " is longer than " + maxBytes
                + " bytes (" + MAX_REPLY_BYTES_KEY + "): it was not read further");
    }

    /**
     * Streams {@code in} to {@code file} (replacing it), at most {@code maxBytes}: one byte more deletes what was
     * written and fails with RESULT_FILE_TOO_LARGE. The stream is closed. Returns the bytes written.
     */
    public static long save(InputStream in, Path file, long maxBytes, String what) throws IOException {
        long written = 0;
        boolean complete = false;
        try (in; OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - written + 1))) != -1) {
                written += n;
                if (written > maxBytes) {
                    throw resultTooLarge(what, maxBytes);
                }
                out.write(buffer, 0, n);
            }
            complete = true;
        } catch (UsageBridgeFailure failure) {
            throw failure.code() == CoreFailureCode.RESULT_FILE_TOO_LARGE ? resultTooLarge(what, maxBytes) : failure;
        } finally {
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
        return written;
    }

    private static UsageBridgeFailure resultTooLarge(String what, long maxBytes) {
        return new UsageBridgeFailure(CoreFailureCode.RESULT_FILE_TOO_LARGE, what + " is longer than " + maxBytes
                + " bytes (" + MAX_RESULT_BYTES_KEY + "): the part saved was deleted");
    }

    public static int maxReplyBytes(CamelContext context) {
        return UsageBridgeSettings.of(context).getInt(MAX_REPLY_BYTES_KEY, DEFAULT_MAX_REPLY_BYTES);
    }

    public static long maxResultBytes(CamelContext context) {
        return UsageBridgeSettings.of(context).getLong(MAX_RESULT_BYTES_KEY, DEFAULT_MAX_RESULT_BYTES);
    }
}
