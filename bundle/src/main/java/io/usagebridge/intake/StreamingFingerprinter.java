package io.usagebridge.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import io.usagebridge.ledger.Fingerprint;

/**
 * Copies a file to the work folder and fingerprints it in the same single pass, never holding it in memory. MD5 (the
 * slowest digest, about 2 s per GiB) runs on a thread of its own while the reading thread does SHA-256, the line
 * count and the copy, so the pass takes about as long as MD5 alone: each buffer read is shared by both, and goes
 * back to the pool when both are done with it.
 */
public class StreamingFingerprinter {

    private static final int BUFFER = 256 * 1024;
    /** Buffers in flight: enough for the reader to run ahead of MD5 by a few reads, little memory (1 MiB). */
    private static final int BUFFERS = 4;
    private static final ExecutorService MD5_THREADS = Executors.newCachedThreadPool(daemonThreads());

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

    /** One read of the input, shared by the MD5 thread and this one. */
    private static final class Chunk {
        final byte[] bytes = new byte[BUFFER];
        final AtomicInteger users = new AtomicInteger();
        int length;
    }

    private static final Chunk END = new Chunk();

    private Fingerprint fingerprint(InputStream in, OutputStream out, LongConsumer progress) throws IOException {
        BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(BUFFERS);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new Chunk());
        }
        BlockingQueue<Chunk> toMd5 = new ArrayBlockingQueue<>(BUFFERS + 1);
        Future<byte[]> md5 = MD5_THREADS.submit(() -> md5Of(toMd5, free));
        boolean ended = false;
        try {
            MessageDigest sha256 = digest("SHA-256");
            long bytes = 0;
            long lines = 0;
            long nextProgress = progressEvery;
            byte last = '\n';
            while (true) {
                Chunk chunk = nextFree(free, md5);
                int n = in.readNBytes(chunk.bytes, 0, BUFFER);
                if (n == 0) {
                    free.add(chunk);
                    break;
                }
                chunk.length = n;
                chunk.users.set(2);
                toMd5.put(chunk);
                sha256.update(chunk.bytes, 0, n);
                lines += LineCounter.count(chunk.bytes, n);
                out.write(chunk.bytes, 0, n);
                last = chunk.bytes[n - 1];
                release(chunk, free);
                bytes += n;
                if (bytes >= nextProgress) {
                    progress.accept(bytes);
                    nextProgress += progressEvery;
                }
            }
            if (bytes > 0 && last != '\n') {
                lines++;
            }
            toMd5.put(END);
            ended = true;
            HexFormat hex = HexFormat.of();
            return new Fingerprint(hex.formatHex(md5.get()), hex.formatHex(sha256.digest()), bytes, lines);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fingerprinting");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the MD5 thread failed", e.getCause());
        } finally {
            if (!ended) {
                // a read or write failed: the MD5 thread stops at once instead of waiting for more
                md5.cancel(true);
            }
        }
    }

    /** A free buffer; should the MD5 thread have failed, its failure instead of waiting for its buffers. */
    private static Chunk nextFree(BlockingQueue<Chunk> free, Future<byte[]> md5)
            throws InterruptedException, ExecutionException {
        Chunk chunk;
        while ((chunk = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
            if (md5.isDone()) {
                md5.get();
            }
        }
        return chunk;
    }

    private static byte[] md5Of(BlockingQueue<Chunk> chunks, BlockingQueue<Chunk> free) throws InterruptedException {
        MessageDigest md5 = digest("MD5");
        for (Chunk chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
            md5.update(chunk.bytes, 0, chunk.length);
            release(chunk, free);
        }
        return md5.digest();
    }

    /** The second of the two threads done with a chunk gives it back. */
    private static void release(Chunk chunk, BlockingQueue<Chunk> free) {
        if (chunk.users.decrementAndGet() == 0) {
            free.add(chunk);
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every JVM", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "usagebridge-md5-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
