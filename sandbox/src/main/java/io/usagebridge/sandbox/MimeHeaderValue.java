package io.usagebridge.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.ParameterParser;

/**
 * A MIME header value such as {@code text/plain;name=usage.csv} or
 * {@code multipart/related; type="application/xop+xml"; boundary="uuid:1"}: the part before the first semicolon
 * and its {@code name=value} parameters, parsed by commons-fileupload (names lower-cased, quotes removed, RFC 2231
 * values decoded).
 */
public record MimeHeaderValue(String value, Map<String, String> parameters) {

    public MimeHeaderValue {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The value of a header; null (an absent header) gives an empty value without parameters. */
    public static MimeHeaderValue parse(String header) {
        if (header == null) {
            return new MimeHeaderValue("", Map.of());
        }
        int semicolon = header.indexOf(';');
        String value = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        if (semicolon < 0) {
            return new MimeHeaderValue(value, Map.of());
        }
        ParameterParser parser = new ParameterParser();
        parser.setLowerCaseNames(true);
        Map<String, String> parameters = new LinkedHashMap<>();
        // a parameter without a value is no parameter
        parser.parse(header.substring(semicolon + 1), ';').forEach((name, parameter) -> {
            if (parameter != null && !name.isEmpty()) {
                parameters.put(name, parameter);
            }
        });
        return new MimeHeaderValue(value, parameters);
    }

    /** The value lower-cased, for comparing media types. */
    public String lowerCaseValue() {
        return value.toLowerCase(Locale.ROOT);
    }

    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }
}
