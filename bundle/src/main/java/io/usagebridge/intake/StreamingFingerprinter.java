package io.usagebridge.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

import io.usagebridge.ledger.Fingerprint;

/**
 * Copies a file to the work folder and fingerprints it in the same single pass, so a 100 MB file is read once
 * with a 64 KiB buffer and never held in memory.
 */
public class StreamingFingerprinter {

    private static final int BUFFER = 64 * 1024;

    /** Reports progress every this many bytes, so a long file shows it is moving. */
    private final long progressEvery;

    public StreamingFingerprinter(long progressEvery) {
        this.progressEvery = progressEvery;
    }

    public Fingerprint copyAndFingerprint(InputStream in, Path target, LongConsumer progress) throws IOException {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            return fingerprint(in, out, progress);
        }
    }

    public Fingerprint fingerprint(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fingerprint(in, OutputStream.nullOutputStream(), bytes -> { });
        }
    }

    private Fingerprint fingerprint(InputStream in, OutputStream out, LongConsumer progress) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        byte[] buffer = new byte[BUFFER];
        long bytes = 0;
        long lines = 0;
        long nextProgress = progressEvery;
        byte last = '\n';
        int n;
        while ((n = in.read(buffer)) != -1) {
            md5.update(buffer, 0, n);
            sha256.update(buffer, 0, n);
            out.write(buffer, 0, n);
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            last = buffer[n - 1];
            bytes += n;
            if (bytes >= nextProgress) {
                progress.accept(bytes);
                nextProgress += progressEvery;
            }
        }
        if (bytes > 0 && last != '\n') {
            lines++;
        }
        HexFormat hex = HexFormat.of();
        return new Fingerprint(hex.formatHex(md5.digest()), hex.formatHex(sha256.digest()), bytes, lines);
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every JVM", e);
        }
    }
}
