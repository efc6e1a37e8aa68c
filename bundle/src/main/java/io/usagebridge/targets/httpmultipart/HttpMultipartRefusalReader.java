package io.usagebridge.targets.httpmultipart;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Reads a 4xx answer (429 aside: the core retries it after its Retry-After, as it does 503, and a 5xx after the
 * body was written is uncertain): the receiver read the upload and refused it. The failure names the receiver's
 * reason, taken from a JSON error ({@code detail}, {@code message}, {@code error_description}, {@code reason},
 * {@code error}, {@code title}) or the text it answered. 408 is the one refusal retried: the receiver gave up
 * waiting for the body and processed nothing.
 */
public final class HttpMultipartRefusalReader implements Processor {

    private static final List<String> REASON_MEMBERS = List.of("detail", "message", "error_description", "reason",
            "error", "title");
    private static final int MAX_REASON_CHARS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenRedaction redaction;

    public HttpMultipartRefusalReader(String token) {
        this.redaction = new TokenRedaction(token);
    }

    /** The answers this reader owns: what the doCatch of the target's route takes. */
    public static boolean isRefusal(Exchange exchange) {
        HttpOperationFailedException http = exchange.getException(HttpOperationFailedException.class);
        return http != null && http.getStatusCode() >= 400 && http.getStatusCode() < 500 && http.getStatusCode() != 429;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().removeHeader("Authorization"); // camel-http copies the request's headers onto the answer
        HttpOperationFailedException http = exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                HttpOperationFailedException.class);
        throw refusal(exchange.getProperty(ExchangeKeys.TARGET, String.class), http.getStatusCode(),
                http.getResponseBody(), http);
    }

    UsageBridgeFailure refusal(String target, int status, String body, HttpOperationFailedException http) {
        String reply = redaction.apply(body == null ? "" : body);
        String reason = reason(reply);
        return switch (status) {
            case 408 -> new UsageBridgeFailure(CoreFailureCode.TARGET_UNAVAILABLE, "the receiver timed out reading "
                    + "the upload (HTTP 408) and processed nothing: " + reason, reply, true, null, http);
            case 401, 403 -> new UsageBridgeFailure(HttpMultipartFailureCode.HTTP_MULTIPART_AUTH_REFUSED,
                    "the receiver refused the credentials (HTTP " + status + "): " + reason + "; check target."
                    + target + ".token", reply, false, null, http);
            case 413 -> new UsageBridgeFailure(HttpMultipartFailureCode.HTTP_MULTIPART_TOO_LARGE,
                    "the receiver refused the upload as too large (HTTP 413): " + reason + "; lower target." + target
                    + ".max-chunk-bytes", reply, false, null, http);
            default -> new UsageBridgeFailure(HttpMultipartFailureCode.HTTP_MULTIPART_REJECTED,
                    "the receiver refused the upload (HTTP " + status + "): " + reason, reply, false, null, http);
        };
    }

    /** The receiver's reason in one line: a JSON error's message, or the text it answered. */
    static String reason(String reply) {
        if (reply.isBlank()) {
            return "no reason given";
        }
        try {
            JsonNode answer = JSON.readTree(reply);
            if (answer != null && answer.isObject()) {
                for (String member : REASON_MEMBERS) {
                    JsonNode value = answer.get(member);
                    JsonNode text = value != null && value.isObject() ? value.get("message") : value;
                    if (text != null && text.isTextual() && !text.asText().isBlank()) {
                        return oneLine(text.asText());
                    }
                }
            }
        } catch (JsonProcessingException notJson) {
            // a text or HTML answer: its words are the reason
        }
        return oneLine(reply);
    }

    private static String oneLine(String text) {
        return UsageBridgeFailure.cut(text.replaceAll("\\s+", " ").trim(), MAX_REASON_CHARS);
    }
}
