package io.usagebridge.sandbox.zuora;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes one small JSON object, members in the order added. The sandbox has no JSON library,
 * and the simulator's answers are flat objects plus Zuora's {@code reasons} array.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder("{");
    private boolean first = true;

    JsonWriter string(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(out, value);
        }
        return this;
    }

    JsonWriter number(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    /** A number member, or {@code null} when {@code value} is null. */
    JsonWriter number(String name, Long value) {
        name(name);
        out.append(value == null ? "null" : value.toString());
        return this;
    }

    JsonWriter bool(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    /** Zuora's error list: {@code "reasons":[{"code":..,"message":".."}]}. */
    JsonWriter reasons(List<Reason> reasons) {
        name("reasons");
        out.append('[');
        for (int i = 0; i < reasons.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"code\":").append(reasons.get(i).code()).append(",\"message\":");
            quote(out, reasons.get(i).message());
            out.append('}');
        }
        out.append(']');
        return this;
    }

    String text() {
        return out + "}";
    }

    byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(out, name);
        out.append(':');
    }

    /** Appends {@code value} as a JSON string: quotes, backslashes and control characters escaped. */
    static void quote(StringBuilder target, String value) {
        target.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> target.append("\\\"");
                case '\\' -> target.append("\\\\");
                case '\n' -> target.append("\\n");
                case '\r' -> target.append("\\r");
                case '\t' -> target.append("\\t");
                case '\b' -> target.append("\\b");
                case '\f' -> target.append("\\f");
                default -> {
                    // U+2028/2029 are valid JSON but break JavaScript readers of the body
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        target.append(String.format("\\u%04x", (int) c));
                    } else {
                        target.append(c);
                    }
                }
            }
        }
        target.append('"');
    }

    /** One entry of Zuora's {@code reasons}: an 8-digit code and a message. */
    record Reason(long code, String message) {
    }
}
