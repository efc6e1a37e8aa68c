package io.usagebridge.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Request headers as the simulators' records keep them: names lower-cased, values in the order sent. */
public final class RequestHeaders {

    private RequestHeaders() {
    }

    /** An unmodifiable copy, for a record's compact constructor. */
    public static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
