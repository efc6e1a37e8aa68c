package io.usagebridge.sandbox.zuorasoap;

import io.usagebridge.sandbox.DelimiterScanner;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/related} body (an MTOM/XOP package, RFC 2387) in one pass. Every part,
 * the root XML part included, streams to a temp file while its MD5 is computed, so a 4 MB
 * attachment costs one fixed buffer of memory.
 */
final class MultipartRelatedReader {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;
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
            return MimeHeaderValue.stripAngleBrackets(headers.get("content-id"));
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
     * Reads every part. On a malformed or truncated body the files stored so far are deleted
     * and an IOException is thrown; the caller still owns (and closes) {@code body}.
     */
    List<Part> read(InputStream body, String boundary) throws IOException {
        // a leading CRLF makes the first boundary look like every later one: CRLF "--" boundary. The sequence
        // closes a stream it has read to the end, and CXF ends its body right after the close delimiter (no
        // CRLF): shield the caller's stream, which the caller goes on reading
        InputStream withLeadingCrlf = new SequenceInputStream(
                new ByteArrayInputStream(new byte[] {'\r', '\n'}), new FilterInputStream(body) {
                    @Override
                    public void close() {
                    }
                });
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        DelimiterScanner scanner = new DelimiterScanner(withLeadingCrlf, delimiter, BUFFER_SIZE);
        List<Part> parts = new ArrayList<>();
        try {
            if (!scanner.copyUntilDelimiter(null)) { // the preamble is ignored
                throw new IOException("no MIME boundary in the body");
            }
            while (true) {
                String afterBoundary = scanner.readLine(MAX_HEADER_LINE);
                if (afterBoundary == null) {
                    throw new IOException("body ended after a boundary");
                }
                if (afterBoundary.startsWith("--")) {
                    return parts; // close delimiter; the epilogue is ignored
                }
                parts.add(readPart(scanner));
            }
        } catch (IOException | RuntimeException e) {
            for (Part part : parts) {
                Files.deleteIfExists(part.file());
            }
            throw e;
        }
    }

    private Part readPart(DelimiterScanner scanner) throws IOException {
        Map<String, String> headers = readPartHeaders(scanner);
        String encoding = headers.getOrDefault("content-transfer-encoding", "binary").trim().toLowerCase(Locale.ROOT);
        boolean base64 = encoding.equals("base64");
        if (!base64 && !encoding.equals("binary") && !encoding.equals("8bit") && !encoding.equals("7bit")) {
            throw new IOException("unsupported Content-Transfer-Encoding " + encoding);
        }
        Path file = Files.createTempFile(fileDir, "mime-part-", ".bin");
        MessageDigest md5 = ImportFileChecks.newMd5();
        boolean complete;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), md5)) {
            complete = scanner.copyUntilDelimiter(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (!complete) {
            Files.deleteIfExists(file);
            throw new IOException("body ended inside a MIME part");
        }
        if (base64) {
            return base64Decoded(headers, file);
        }
        return new Part(headers, file, Files.size(file), HexFormat.of().formatHex(md5.digest()));
    }

    /** MTOM sends parts {@code binary}; a part sent {@code base64} is decoded, so consumers see the meant bytes. */
    private Part base64Decoded(Map<String, String> headers, Path raw) throws IOException {
        Path decoded = Files.createTempFile(fileDir, "mime-part-", ".bin");
        MessageDigest md5 = ImportFileChecks.newMd5();
        try (InputStream in = Base64.getMimeDecoder().wrap(Files.newInputStream(raw));
             OutputStream out = new DigestOutputStream(Files.newOutputStream(decoded), md5)) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(decoded);
            throw new IOException("a base64 MIME part could not be decoded", e);
        } finally {
            Files.deleteIfExists(raw);
        }
        return new Part(headers, decoded, Files.size(decoded), HexFormat.of().formatHex(md5.digest()));
    }

    private static Map<String, String> readPartHeaders(DelimiterScanner scanner) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String lastName = null;
        for (int count = 0; ; count++) {
            String line = scanner.readLine(MAX_HEADER_LINE);
            if (line == null) {
                throw new IOException("body ended inside part headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (count == MAX_PART_HEADERS) {
                throw new IOException("more than " + MAX_PART_HEADERS + " part header lines");
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
    }
}
