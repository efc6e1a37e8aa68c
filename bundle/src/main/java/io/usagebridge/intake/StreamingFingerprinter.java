package io.usagebridge.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.LongConsumer;

import io.usagebridge.digest.ParallelMd5;
import io.usagebridge.ledger.Fingerprint;

/**
 * Copies a file to the work folder and fingerprints it in the same single pass, never holding it in memory. MD5 (the
 * slowest digest, about 2 s per GiB) runs on a thread of its own ({@link ParallelMd5}) while the reading thread
 * does SHA-256, the line count and the copy, so the pass takes about as long as MD5 alone.
 */
public class StreamingFingerprinter {

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

    /** Fingerprints {@code in} while copying it to {@code out}; closes {@code in}. */
    Fingerprint fingerprintInto(InputStream in, OutputStream out) throws IOException {
        try (in) {
            return fingerprint(in, out, bytes -> { });
        }
    }

    private Fingerprint fingerprint(InputStream in, OutputStream out, LongConsumer progress) throws IOException {
        try (ParallelMd5 md5 = new ParallelMd5()) {
            MessageDigest sha256 = ParallelMd5.digest("SHA-256");
            long bytes = 0;
            long lines = 0;
            long nextProgress = progressEvery;
            byte last = '\n';
            while (true) {
                ParallelMd5.Chunk chunk = md5.next();
                int n = in.readNBytes(chunk.bytes(), 0, ParallelMd5.BUFFER);
                if (n == 0) {
                    md5.unused(chunk);
                    break;
                }
                md5.hash(chunk, n);
                sha256.update(chunk.bytes(), 0, n);
                lines += LineCounter.count(chunk.bytes(), n);
                out.write(chunk.bytes(), 0, n);
                last = chunk.bytes()[n - 1];
                md5.release(chunk);
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
    }
}
