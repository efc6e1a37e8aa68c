package io.usagebridge.sandbox.zuorasoap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A MIME header value such as {@code text/plain;name=usage.csv} or
 * {@code multipart/related; type="application/xop+xml"; boundary="uuid:1"}: the part before the
 * first semicolon and its {@code name=value} parameters (names lower-cased, quotes removed).
 */
record MimeHeaderValue(String value, Map<String, String> parameters) {

    MimeHeaderValue {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    static MimeHeaderValue parse(String header) {
        if (header == null) {
            return new MimeHeaderValue("", Map.of());
        }
        int semicolon = indexOfUnquoted(header, ';');
        String value = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        return new MimeHeaderValue(value, semicolon < 0 ? Map.of() : parameters(header.substring(semicolon + 1)));
    }

    /** The value lower-cased, for comparing media types. */
    String lowerCaseValue() {
        return value.toLowerCase(Locale.ROOT);
    }

    String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /** {@code <id@host>} -> {@code id@host}: Content-ID and {@code start} carry angle brackets, cid: URLs do not. */
    static String stripAngleBrackets(String id) {
        if (id == null) {
            return null;
        }
        String trimmed = id.trim();
        if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
            return trimmed.substring(1, trimmed.length() - 1).trim();
        }
        return trimmed;
    }

    /**
     * The Content-ID a {@code cid:} URL names: RFC 2392 URLs are %-encoded (CXF writes
     * {@code cid:uuid%40cxf.apache.org}); a {@code +} stays a plus, unlike form decoding.
     */
    static String contentIdOfCidUrl(String url) {
        String id = url.trim();
        if (id.regionMatches(true, 0, "cid:", 0, 4)) {
            id = id.substring(4);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '%' && i + 2 < id.length()
                    && Character.digit(id.charAt(i + 1), 16) >= 0 && Character.digit(id.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(id, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int indexOfUnquoted(String text, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> parameters(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && (text.charAt(i) == ';' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < length && text.charAt(i) != '=' && text.charAt(i) != ';') {
                i++;
            }
            String name = text.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            if (i >= length || text.charAt(i) == ';') {
                continue; // a parameter without a value
            }
            i++; // '='
            while (i < length && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String value;
            if (i < length && text.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (i < length && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < length) {
                        i++;
                    }
                    quoted.append(text.charAt(i++));
                }
                i++; // closing quote
                value = quoted.toString();
            } else {
                int valueStart = i;
                while (i < length && text.charAt(i) != ';') {
                    i++;
                }
                value = text.substring(valueStart, i).strip();
            }
            if (!name.isEmpty()) {
                parameters.putIfAbsent(name, value);
            }
        }
        return parameters;
    }
}
