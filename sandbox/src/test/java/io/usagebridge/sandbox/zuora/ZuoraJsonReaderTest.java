package io.usagebridge.sandbox.zuora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZuoraJsonReaderTest {

    @Test
    void readsMembersWhateverTheWhitespaceAndOrder() {
        Map<String, Object> params = JsonReader.parseObject(
                " \r\n{\t\"checksum\" : \"ab12\",\n\"actionType\":\"MPU\" , \"n\": -1.5e2, \"ok\": true, \"x\": null}\n");

        assertEquals("MPU", params.get("actionType"));
        assertEquals("ab12", params.get("checksum"));
        assertEquals(new BigDecimal("-1.5e2"), params.get("n"));
        assertEquals(Boolean.TRUE, params.get("ok"));
        assertEquals(true, params.containsKey("x"));
    }

    @Test
    void decodesEscapesAndNestedValues() {
        Map<String, Object> value = JsonReader.parseObject(
                "{\"s\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\",\"list\":[1,{\"k\":[]}],\"o\":{}}");

        assertEquals("a\"b\\c/d\né\uD83D\uDE00", value.get("s"));
        assertEquals(List.of(new BigDecimal(1), Map.of("k", List.of())), value.get("list"));
        assertEquals(Map.of(), value.get("o"));
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        for (String bad : new String[] {"", "[]", "\"x\"", "{", "{\"a\":1,}", "{\"a\" 1}", "{'a':1}",
                "{\"a\":01}", "{\"a\":\"\u0001\"}", "{\"a\":1} x", "{\"a\":tru}", "{\"a\":\"\\x\"}"}) {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parseObject(bad), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parseObject("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"));
    }

    @Test
    void writerEscapesWhatTheReaderReadsBack() {
        String tricky = "quote\" backslash\\ newline\n tab\t bell\u0007 é";

        String json = new JsonWriter().string("m", tricky).number("n", 3).bool("b", false).string("z", null).text();

        assertEquals(tricky, JsonReader.parseObject(json).get("m"));
        assertEquals("{\"m\":\"quote\\\" backslash\\\\ newline\\n tab\\t bell\\u0007 é\",\"n\":3,\"b\":false,\"z\":null}",
                json);
    }
}
