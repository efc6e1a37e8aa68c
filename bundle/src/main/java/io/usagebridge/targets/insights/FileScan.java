package io.usagebridge.targets.insights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.usagebridge.ledger.Fingerprint;

/**
 * One streaming pass over a record type's file, where it lies: MD5, SHA-256, size, lines, and the longest line
 * (so a file without line breaks is caught before a parser would hold it whole in memory), and the first byte that
 * is not UTF-8, with its line: a decoder reading ahead could not say which line it was on.
 *
 * @param longestLineNo   the 1-based number of the longest line
 * @param badUtf8Line     the 1-based line of the first byte sequence that is not UTF-8, or 0
 * @param badUtf8Offset   that byte's offset in the file, or -1
 */
public record FileScan(String md5, String sha256, long bytes, long lines, long longestLine, long longestLineNo,
                       long badUtf8Line, long badUtf8Offset) {

    private static final int BUFFER = 64 * 1024;

    public static FileScan of(Path file) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        byte[] buffer = new byte[BUFFER];
        long bytes = 0;
        long lines = 0;
        long lineLength = 0;
        long longest = 0;
        long longestNo = 0;
        byte last = '\n';
        Utf8Check utf8 = new Utf8Check();
        long badLine = 0;
        long badOffset = -1;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                md5.update(buffer, 0, n);
                sha256.update(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    if (badOffset < 0 && !utf8.accept(buffer[i] & 0xFF)) {
                        badOffset = bytes + i;
                        badLine = lines + 1;
                    }
                    if (buffer[i] == '\n') {
                        lines++;
                        if (lineLength > longest) {
                            longest = lineLength;
                            longestNo = lines;
                        }
                        lineLength = 0;
                    } else {
                        lineLength++;
                    }
                }
                last = buffer[n - 1];
                bytes += n;
            }
        }
        if (badOffset < 0 && !utf8.complete()) {
            badOffset = bytes;
            badLine = lines + (last == '\n' ? 0 : 1);
        }
        if (bytes > 0 && last != '\n') {
            lines++;
            if (lineLength > longest) {
                longest = lineLength;
                longestNo = lines;
            }
        }
        HexFormat hex = HexFormat.of();
        return new FileScan(hex.formatHex(md5.digest()), hex.formatHex(sha256.digest()), bytes, lines, longest,
                longestNo, badLine, badOffset);
    }

    /** A UTF-8 validator fed one byte at a time (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
    private static final class Utf8Check {
        private int pending;
        private int low = 0x80;
        private int high = 0xBF;

        boolean accept(int b) {
            if (pending > 0) {
                if (b < low || b > high) {
                    return false;
                }
                pending--;
                low = 0x80;
                high = 0xBF;
                return true;
            }
            if (b < 0x80) {
                return true;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                low = b == 0xE0 ? 0xA0 : 0x80;
                high = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                low = b == 0xF0 ? 0x90 : 0x80;
                high = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            return true;
        }

        boolean complete() {
            return pending == 0;
        }
    }

    public Fingerprint fingerprint() {
        return new Fingerprint(md5, sha256, bytes, lines);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every JVM", e);
        }
    }
}
