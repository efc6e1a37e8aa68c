package io.usagebridge.sandbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart/form-data body (RFC 7578) in one pass. File parts stream to temp files
 * in {@code fileDir} while their MD5 is computed; text fields become UTF-8 strings. Memory use
 * is one fixed buffer plus the text fields, whatever the size of the files.
 */
public final class MultipartFormReader {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_PART_HEADERS = 32;
    // text fields are held in memory, so they get a ceiling; file parts have none
    private static final int MAX_FIELD_BYTES = 1024 * 1024;
    private static final int MAX_BOUNDARY = 200;

    private final Path fileDir;

    public MultipartFormReader(Path fileDir) {
        this.fileDir = fileDir;
    }

    /**
     * The boundary of a {@code multipart/form-data} Content-Type, or null for any other type
     * (or a multipart type without a usable boundary).
     */
    public static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        if (!mediaType.equalsIgnoreCase("multipart/form-data") || semicolon < 0) {
            return null;
        }
        String boundary = parameters(contentType.substring(semicolon + 1)).get("boundary");
        return boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY ? null : boundary;
    }

    /**
     * Reads the whole body. On a malformed or truncated body the files stored so far are
     * deleted and an IOException is thrown; the caller still owns (and closes) {@code body}.
     */
    public MultipartForm read(InputStream body, String boundary) throws IOException {
        // a leading CRLF makes the first boundary look like every later one: CRLF "--" boundary
        InputStream withLeadingCrlf = new SequenceInputStream(
                new ByteArrayInputStream(new byte[] {'\r', '\n'}), body);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        DelimiterScanner scanner = new DelimiterScanner(withLeadingCrlf, delimiter, BUFFER_SIZE);
        Map<String, String> fields = new LinkedHashMap<>();
        List<MultipartForm.FilePart> files = new ArrayList<>();
        try {
            if (!scanner.copyUntilDelimiter(null)) { // the preamble is ignored
                throw new IOException("no multipart boundary in body");
            }
            while (true) {
                String afterBoundary = scanner.readLine(MAX_HEADER_LINE);
                if (afterBoundary == null) {
                    throw new IOException("body ended after a boundary");
                }
                if (afterBoundary.startsWith("--")) {
                    return new MultipartForm(fields, files); // close delimiter; the epilogue is ignored
                }
                readPart(scanner, fields, files);
            }
        } catch (IOException | RuntimeException e) {
            for (MultipartForm.FilePart part : files) {
                Files.deleteIfExists(part.file());
            }
            throw e;
        }
    }

    private void readPart(DelimiterScanner scanner, Map<String, String> fields,
                          List<MultipartForm.FilePart> files) throws IOException {
        Map<String, String> headers = readPartHeaders(scanner);
        Map<String, String> disposition = parameters(afterFirstSemicolon(headers.get("content-disposition")));
        String name = disposition.get("name");
        if (name == null) {
            throw new IOException("part without a Content-Disposition name");
        }
        String fileName = disposition.get("filename");
        if (fileName != null) {
            files.add(storeFile(scanner, name, fileName, headers.get("content-type")));
        } else {
            FieldBuffer value = new FieldBuffer();
            if (!scanner.copyUntilDelimiter(value)) {
                throw new IOException("body ended inside field " + name);
            }
            fields.put(name, value.text());
        }
    }

    private MultipartForm.FilePart storeFile(DelimiterScanner scanner, String name, String fileName,
                                             String contentType) throws IOException {
        Path file = Files.createTempFile(fileDir, "part-", ".bin");
        MessageDigest md5 = newMd5();
        boolean complete;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), md5)) {
            complete = scanner.copyUntilDelimiter(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (!complete) {
            Files.deleteIfExists(file);
            throw new IOException("body ended inside file part " + name);
        }
        return new MultipartForm.FilePart(name, fileName, contentType, file, Files.size(file),
                HexFormat.of().formatHex(md5.digest()));
    }

    private static Map<String, String> readPartHeaders(DelimiterScanner scanner) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = scanner.readLine(MAX_HEADER_LINE);
            if (line == null) {
                throw new IOException("body ended inside part headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (count == MAX_PART_HEADERS) {
                throw new IOException("more than " + MAX_PART_HEADERS + " part headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    private static String afterFirstSemicolon(String headerValue) {
        if (headerValue == null) {
            return "";
        }
        int semicolon = headerValue.indexOf(';');
        return semicolon < 0 ? "" : headerValue.substring(semicolon + 1);
    }

    /** Parses {@code a=b; c="d;e"} parameters; names lower-cased, quoted strings unescaped. */
    static Map<String, String> parameters(String text) {
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

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** Collects one text field, refusing to grow past {@link #MAX_FIELD_BYTES}. */
    private static final class FieldBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(byte[] source, int offset, int length) throws IOException {
            ensureRoom(length);
            bytes.write(source, offset, length);
        }

        @Override
        public void write(int b) throws IOException {
            ensureRoom(1);
            bytes.write(b);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        private void ensureRoom(int length) throws IOException {
            if (bytes.size() + length > MAX_FIELD_BYTES) {
                throw new IOException("text field longer than " + MAX_FIELD_BYTES + " bytes");
            }
        }
    }
}
