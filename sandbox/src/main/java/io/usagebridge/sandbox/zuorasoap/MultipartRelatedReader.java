package io.usagebridge.sandbox.zuorasoap;

import io.usagebridge.sandbox.MimeHeaderValue;
import io.usagebridge.sandbox.StoredBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.fileupload2.core.MultipartInput;

/**
 * Reads a {@code multipart/related} body (an MTOM/XOP package, RFC 2387) in one pass. Every part, the root XML part
 * included, streams to a temp file while its MD5 is computed, so a 4 MB attachment costs one fixed buffer of memory.
 *
 * <p>The framing is commons-fileupload's {@link MultipartInput}, chosen because it is as strict as MTOM's wire
 * format: CRLF before every delimiter and CRLF-ended header lines, or the body is refused (a package written with
 * bare LFs does not reach Zuora's CXF either). What MTOM adds is checked here by hand, byte for byte where it
 * matters: the transfer encodings a part may use, and (in {@link ZuoraSoapSimulator}) the {@code type} and
 * {@code start} parameters and the {@code xop:Include} references.
 */
final class MultipartRelatedReader {

    // CXF's part headers (Content-Type with start-info, Content-ID) are far below this; JavaMail folds long ones
    private static final int MAX_PART_HEADER_BYTES = 16 * 1024;
    private static final int MAX_PART_HEADERS = 32;
    private static final int MAX_BOUNDARY = 200;

    /**
     * One MIME part as received.
     *
     * @param headers part headers, names lower-cased, folded lines joined
     * @param file    the part's content after any Content-Transfer-Encoding was undone
     * @param size    bytes in {@code file}
     * @param md5     MD5 of {@code file}, lower-case hex
     */
    record Part(Map<String, String> headers, Path file, long size, String md5) {

        Part {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        String contentType() {
            return headers.get("content-type");
        }

        /** The Content-ID without its angle brackets, or null. */
        String contentId() {
            return ContentIds.stripAngleBrackets(headers.get("content-id"));
        }
    }

    private final Path fileDir;

    MultipartRelatedReader(Path fileDir) {
        this.fileDir = fileDir;
    }

    /** The boundary of a {@code multipart/related} Content-Type, or null for any other type. */
    static String boundaryOf(MimeHeaderValue contentType) {
        if (!contentType.lowerCaseValue().equals("multipart/related")) {
            return null;
        }
        String boundary = contentType.parameter("boundary");
        return boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY ? null : boundary;
    }

    /**
     * Reads every part; the preamble and the epilogue are ignored, and the body may end right after the close
     * delimiter (CXF writes no CRLF after it). On a malformed or truncated body the files stored so far are deleted
     * and an IOException is thrown; the caller still owns (and closes) {@code body}.
     */
    List<Part> read(InputStream body, String boundary) throws IOException {
        MultipartInput input = MultipartInput.builder()
                .setInputStream(body)
                .setBoundary(boundary.getBytes(StandardCharsets.ISO_8859_1))
                .setPartHeaderSizeMax(MAX_PART_HEADER_BYTES)
                .get();
        input.setHeaderCharset(StandardCharsets.UTF_8);
        List<Part> parts = new ArrayList<>();
        try {
            boolean more = input.skipPreamble();
            if (!more) {
                throw new IOException("no MIME boundary in the body");
            }
            while (more) {
                parts.add(readPart(input));
                more = input.readBoundary();
            }
            return parts;
        } catch (IOException | RuntimeException e) {
            for (Part part : parts) {
                Files.deleteIfExists(part.file());
            }
            throw e;
        }
    }

    private Part readPart(MultipartInput input) throws IOException {
        Map<String, String> headers = headers(input.readHeaders());
        String encoding = headers.getOrDefault("content-transfer-encoding", "binary").trim().toLowerCase(Locale.ROOT);
        boolean base64 = encoding.equals("base64");
        if (!base64 && !encoding.equals("binary") && !encoding.equals("8bit") && !encoding.equals("7bit")) {
            throw new IOException("unsupported Content-Transfer-Encoding " + encoding);
        }
        StoredBytes stored;
        try (InputStream content = input.newInputStream()) {
            // MTOM sends parts binary; a part sent base64 is decoded, so consumers see the meant bytes
            InputStream bytes = base64 ? Base64.getMimeDecoder().wrap(content) : content;
            stored = StoredBytes.copy(bytes, Files.createTempFile(fileDir, "mime-part-", ".bin"));
        } catch (IllegalArgumentException e) {
            throw new IOException("a base64 MIME part could not be decoded", e);
        }
        return new Part(headers, stored.file(), stored.size(), stored.md5());
    }

    /** The part's header block as the library hands it over (CRLF lines, checked), names lower-cased. */
    private static Map<String, String> headers(String block) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String lastName = null;
        String[] lines = block.split("\r\n");
        if (lines.length > MAX_PART_HEADERS) {
            throw new IOException("more than " + MAX_PART_HEADERS + " part header lines");
        }
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
                // RFC 5322 folding: JavaMail (Axis) folds long Content-Type lines
                headers.merge(lastName, " " + line.strip(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                lastName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.put(lastName, line.substring(colon + 1).trim());
            }
        }
        return headers;
    }
}
