package io.usagebridge.sandbox.zuora;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads members out of the simulator's flat JSON answers with plain pattern matching, so the
 * tests do not check the simulator's JSON with the simulator's own code.
 */
final class ResponseJson {

    private ResponseJson() {
    }

    /** The string member {@code name} (the first one, nested or not); null when it is JSON null. */
    static String text(String json, String name) {
        String raw = raw(json, name);
        if (raw.equals("null")) {
            return null;
        }
        if (!raw.startsWith("\"")) {
            throw new AssertionError("member " + name + " is not a string but " + raw + " in " + json);
        }
        return raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    static long number(String json, String name) {
        String raw = raw(json, name);
        if (raw.startsWith("\"") || raw.equals("null") || raw.equals("true") || raw.equals("false")) {
            throw new AssertionError("member " + name + " is not a number but " + raw + " in " + json);
        }
        return Long.parseLong(raw);
    }

    static boolean bool(String json, String name) {
        String raw = raw(json, name);
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new AssertionError("member " + name + " is not a boolean but " + raw + " in " + json);
        }
        return Boolean.parseBoolean(raw);
    }

    static boolean isNull(String json, String name) {
        return raw(json, name).equals("null");
    }

    static boolean has(String json, String name) {
        return matcher(json, name).find();
    }

    /** The member's value as written: a quoted string, a number, true, false or null. */
    static String raw(String json, String name) {
        Matcher matcher = matcher(json, name);
        if (!matcher.find()) {
            throw new AssertionError("no member " + name + " in " + json);
        }
        return matcher.group(1);
    }

    private static Matcher matcher(String json, String name) {
        return Pattern.compile("\"" + Pattern.quote(name)
                + "\"\\s*:\\s*(null|true|false|-?[0-9]+(?:\\.[0-9]+)?|\"(?:[^\"\\\\]|\\\\.)*\")").matcher(json);
    }
}
