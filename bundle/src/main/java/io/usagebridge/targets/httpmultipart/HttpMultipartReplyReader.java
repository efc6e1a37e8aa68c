package io.usagebridge.targets.httpmultipart;

import java.io.IOException;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.http.ReplyBodies;

/**
 * Reads a 2xx answer: the upload is accepted. A JSON object naming the upload (its {@code remote-id-field},
 * {@code id} by default) gives the remote id; any other answer is kept as the reply, with no remote id.
 */
public final class HttpMultipartReplyReader implements Processor {

    /** The ledger's remote_id column: a longer value is no id we could look up by. */
    static final int MAX_REMOTE_ID_CHARS = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String remoteIdField;
    private final TokenRedaction redaction;

    public HttpMultipartReplyReader(String remoteIdField, String token) {
        this.remoteIdField = remoteIdField;
        this.redaction = new TokenRedaction(token);
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        message.removeHeader("Authorization"); // camel-http copies the request's headers onto the answer
        String reply = redaction.apply(ReplyBodies.read(exchange, "the receiver's answer"));
        exchange.setProperty(ExchangeKeys.REMOTE_RESPONSE, reply);
        exchange.setProperty(ExchangeKeys.REMOTE_STATUS, "HTTP " + message.getHeader(Exchange.HTTP_RESPONSE_CODE));
        remoteId(reply).ifPresent(id -> exchange.setProperty(ExchangeKeys.REMOTE_ID, id));
    }

    Optional<String> remoteId(String reply) {
        if (reply.isBlank()) {
            return Optional.empty();
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(reply);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        JsonNode id = answer == null ? null : answer.get(remoteIdField);
        if (id == null || !(id.isTextual() || id.isNumber())) {
            return Optional.empty();
        }
        String text = id.asText().trim();
        return text.isEmpty() || text.length() > MAX_REMOTE_ID_CHARS ? Optional.empty() : Optional.of(text);
    }
}
