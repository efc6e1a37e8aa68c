package io.usagebridge.digest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MD5 of a stream computed on a thread of its own while the caller goes on with the same bytes (writes them, hashes
 * them otherwise, counts lines): a pass then takes about as long as the slower of the two, not their sum. The caller
 * reads into a free {@link Chunk}, hands it over with {@link #hash}, uses it, and {@link #release}s it; a chunk goes
 * back to the pool once both sides are done with it. A few chunks in flight bound the memory (1 MiB).
 */
public final class ParallelMd5 implements AutoCloseable {

    public static final int BUFFER = 256 * 1024;
    /** Enough for the caller to run ahead of MD5 by a few reads. */
    private static final int BUFFERS = 4;
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(daemonThreads());
    private static final Chunk END = new Chunk();

    /** One read of the input, shared by the MD5 thread and the caller. */
    public static final class Chunk {
        private final byte[] bytes = new byte[BUFFER];
        private final AtomicInteger users = new AtomicInteger();
        private int length;

        public byte[] bytes() {
            return bytes;
        }
    }

    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> toMd5 = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Future<byte[]> md5;
    private boolean ended;

    public ParallelMd5() {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new Chunk());
        }
        md5 = THREADS.submit(this::md5Of);
    }

    /** A free chunk to read into; waits while MD5 is behind (and fails as it did, should it have failed). */
    public Chunk next() throws IOException {
        try {
            Chunk chunk;
            while ((chunk = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (md5.isDone()) {
                    md5.get();
                }
            }
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the MD5 thread failed", e.getCause());
        }
    }

    /** Hands the first {@code length} bytes of {@code chunk} to MD5; the caller still holds it until release. */
    public void hash(Chunk chunk, int length) throws IOException {
        chunk.length = length;
        chunk.users.set(2);
        try {
            toMd5.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }

    /** The caller is done with a chunk handed to {@link #hash}. */
    public void release(Chunk chunk) {
        if (chunk.users.decrementAndGet() == 0) {
            free.add(chunk);
        }
    }

    /** Gives back a chunk that was never hashed (a read that found the end). */
    public void unused(Chunk chunk) {
        free.add(chunk);
    }

    /** The MD5 of everything hashed, once the MD5 thread has caught up. */
    public byte[] digest() throws IOException {
        try {
            toMd5.put(END);
            ended = true;
            return md5.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the MD5 thread failed", e.getCause());
        }
    }

    /** Stops the MD5 thread at once when the pass failed before its digest (a read or write failed). */
    @Override
    public void close() {
        if (!ended) {
            md5.cancel(true);
        }
    }

    private byte[] md5Of() throws InterruptedException {
        MessageDigest digest = digest("MD5");
        for (Chunk chunk = toMd5.take(); chunk != END; chunk = toMd5.take()) {
            digest.update(chunk.bytes, 0, chunk.length);
            release(chunk);
        }
        return digest.digest();
    }

    public static MessageDigest digest(String algorithm) {
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
