package io.usagebridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the simulators' JSON looks like on the wire, and what a request's JSON must be. */
class JsonBodiesTest {

    @Test
    void membersComeInTheOrderPutCompactWithNullsAndLowerCaseEscapes() {
        String json = text(JsonBodies.bytes(JsonBodies.object()
                .put("m", "quote\" backslash\\ newline\n tab\t bell\u0007 é /")
                .put("n", 3L).put("b", false).put("z", (String) null)));

        assertEquals("{\"m\":\"quote\\\" backslash\\\\ newline\\n tab\\t bell\\u0007 é /\",\"n\":3,\"b\":false,"
                + "\"z\":null}", json);
    }

    @Test
    void slashesCanBeEscapedAsSomeApisShowThem() {
        assertEquals("{\"u\":\"http:\\/\\/localhost\\/x\"}",
                text(JsonBodies.bytesEscapingSlashes(JsonBodies.object().put("u", "http://localhost/x"))));
    }

    @Test
    void readsOneObjectWhateverTheWhitespace() {
        assertEquals("MPU", JsonBodies.readObject(" \r\n{\t\"checksum\" : \"ab12\",\n\"actionType\":\"MPU\"}\n")
                .get("actionType").asText());
    }

    @Test
    void refusesWhatIsNotExactlyOneJsonObject() {
        for (String bad : new String[] {"", "[]", "\"x\"", "{", "{\"a\":1,}", "{\"a\" 1}", "{'a':1}",
                "{\"a\":01}", "{\"a\":\"\u0001\"}", "{\"a\":1} x", "{\"a\":tru}", "{\"a\":\"\\x\"}"}) {
            assertThrows(IllegalArgumentException.class, () -> JsonBodies.readObject(bad), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> JsonBodies.readObject("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"), "nesting is capped");
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
