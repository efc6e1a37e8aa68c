package io.usagebridge.targets.httpmultipart;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;

/**
 * An http-multipart target's wire settings ({@code target.<id>.*}) with their defaults, read and checked once, at
 * start. The URL and the token are the templatedRoute's parameters; the URL's key is checked here too, so a missing
 * or malformed one is refused in one line before any route is made.
 *
 * @param filePartName    the multipart part holding the chunk ({@code file-part-name})
 * @param md5FieldName    the form field holding the chunk's MD5, lower-case hex ({@code md5-field-name})
 * @param formFields      more text fields, by name in configuration order ({@code form-fields} names them,
 *                        {@code form-field.<name>} holds each value)
 * @param remoteIdField   the member of a JSON answer that names the upload at the receiver ({@code remote-id-field})
 * @param requiredColumns CSV columns every file must have, with a value in every row ({@code required-columns})
 */
public record HttpMultipartSettings(String filePartName, String md5FieldName, Map<String, String> formFields,
                                    String remoteIdField, List<String> requiredColumns) {

    public static final String DEFAULT_FILE_PART_NAME = "file";
    public static final String DEFAULT_MD5_FIELD_NAME = "md5";
    public static final String DEFAULT_REMOTE_ID_FIELD = "id";

    public HttpMultipartSettings {
        formFields = Collections.unmodifiableMap(new LinkedHashMap<>(formFields));
        requiredColumns = List.copyOf(requiredColumns);
    }

    public static HttpMultipartSettings read(TargetConfig config) {
        UsageBridgeSettings s = config.settings();
        String prefix = "target." + config.id() + ".";
        checkUrl(prefix + "url", s.get("url").orElseThrow(() -> new IllegalStateException(prefix + "url is not set: "
                + "the receiver's upload URL, e.g. https://billing.example.com/usage/upload")));
        String filePart = s.get("file-part-name", DEFAULT_FILE_PART_NAME);
        String md5Field = s.get("md5-field-name", DEFAULT_MD5_FIELD_NAME);
        if (filePart.equals(md5Field)) {
            throw new IllegalStateException(prefix + "file-part-name and md5-field-name are both '" + filePart
                    + "': the receiver could not tell the file from its MD5");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : s.getList("form-fields")) {
            if (name.equals(filePart) || name.equals(md5Field) || fields.containsKey(name)) {
                throw new IllegalStateException(prefix + "form-fields names '" + name + "' twice, or as the file part "
                        + "or the MD5 field: each form field name is sent once");
            }
            fields.put(name, s.get("form-field." + name).orElseThrow(() -> new IllegalStateException(prefix
                    + "form-fields names '" + name + "', but " + prefix + "form-field." + name + " is not set")));
        }
        return new HttpMultipartSettings(filePart, md5Field, fields,
                s.get("remote-id-field", DEFAULT_REMOTE_ID_FIELD), s.getList("required-columns"));
    }

    /**
     * Refuses anything but an absolute http or https URL with a host and no query string (the template adds the
     * HTTP options after a {@code ?}; values a receiver wants besides the file go in form fields).
     *
     * @param what the key or parameter the URL came from, for the message
     */
    public static URI checkUrl(String what, String url) {
        String hint = ": give the receiver's upload URL, e.g. https://billing.example.com/usage/upload";
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(what + " = " + url + " is not a URL (" + e.getReason() + ")" + hint);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalStateException(what + " = " + url + " is not an http(s) URL with a host" + hint);
        }
        if (uri.getRawQuery() != null) {
            throw new IllegalStateException(what + " = " + url + " has a query string: send such values as form "
                    + "fields (form-fields, form-field.<name>)");
        }
        return uri;
    }
}
