package io.usagebridge.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON the simulators read and write, through Jackson: compact objects, members in the order put, control
 * characters escaped with lower-case hex (as the simulators always wrote them). Requests are read strictly: one
 * object, nothing after it, nesting capped so hostile input fails fast.
 */
public final class JsonBodies {

    private static final int MAX_DEPTH = 32;
    private static final ObjectMapper MAPPER = mapper(false);
    private static final ObjectMapper SLASH_ESCAPING = mapper(true);

    private JsonBodies() {
    }

    private static ObjectMapper mapper(boolean escapeSlashes) {
        return JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                        .configure(JsonWriteFeature.ESCAPE_FORWARD_SLASHES, escapeSlashes)
                        .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** An empty object to put members into. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(JsonNode value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    /** As {@link #bytes}, with {@code /} written {@code \/}, as some APIs' examples show their URLs. */
    public static byte[] bytesEscapingSlashes(JsonNode value) {
        try {
            return SLASH_ESCAPING.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    /**
     * The one JSON object {@code text} holds.
     *
     * @throws IllegalArgumentException when it is not exactly one JSON object; the message says why
     */
    public static ObjectNode readObject(String text) {
        JsonNode value;
        try {
            value = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (ObjectNode) value;
    }
}
