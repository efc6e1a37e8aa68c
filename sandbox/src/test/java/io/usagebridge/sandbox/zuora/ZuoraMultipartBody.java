package io.usagebridge.sandbox.zuora;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes a multipart/form-data body by hand, so tests do not trust the code they check. Each
 * body gets its own boundary, as a retried request would.
 */
final class ZuoraMultipartBody {

    private final String boundary = "----ZuoraTestBoundary" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** The body of a mass action: the {@code file} part and the {@code params} JSON. */
    static ZuoraMultipartBody bulk(String fileName, byte[] csv, String paramsJson) {
        return new ZuoraMultipartBody().file("file", fileName, csv).field("params", paramsJson);
    }

    /** The body of a usage upload: the {@code file} part alone. */
    static ZuoraMultipartBody usage(String fileName, byte[] csv) {
        return new ZuoraMultipartBody().file("file", fileName, csv);
    }

    ZuoraMultipartBody field(String name, String value) {
        ascii("--" + boundary + "\r\n");
        utf8("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        utf8(value);
        ascii("\r\n");
        return this;
    }

    ZuoraMultipartBody file(String name, String fileName, byte[] content) {
        ascii("--" + boundary + "\r\n");
        utf8("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n");
        ascii("Content-Type: text/csv\r\n\r\n");
        body.writeBytes(content);
        ascii("\r\n");
        return this;
    }

    byte[] finish() {
        ByteArrayOutputStream done = new ByteArrayOutputStream();
        done.writeBytes(body.toByteArray());
        done.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return done.toByteArray();
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    private void ascii(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private void utf8(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
