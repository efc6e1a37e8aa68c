package io.usagebridge.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a multipart/form-data body by hand, so tests do not trust the code they check. */
final class MultipartBodyWriter {

    static final String BOUNDARY = "----UsageBridgeTestBoundary7MA4YWxkTrZu0gW";

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    MultipartBodyWriter field(String name, String value) {
        ascii("--" + BOUNDARY + "\r\n");
        utf8("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        utf8(value);
        ascii("\r\n");
        return this;
    }

    MultipartBodyWriter file(String name, String fileName, byte[] content) {
        fileHeader(name, fileName);
        body.writeBytes(content);
        ascii("\r\n");
        return this;
    }

    /** Only the part's headers: the caller streams the content, then {@link #closing()}. */
    MultipartBodyWriter fileHeader(String name, String fileName) {
        ascii("--" + BOUNDARY + "\r\n");
        utf8("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n");
        ascii("Content-Type: text/csv\r\n\r\n");
        return this;
    }

    byte[] bytes() {
        return body.toByteArray();
    }

    byte[] finish() {
        ascii("--" + BOUNDARY + "--\r\n");
        return bytes();
    }

    static byte[] closing() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    private void ascii(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private void utf8(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
