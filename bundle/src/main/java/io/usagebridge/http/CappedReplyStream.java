package io.usagebridge.http;

import java.io.IOException;
import java.io.InputStream;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * An answer's body as it comes off the connection, at most {@code maxBytes}: one byte more drops the connection and
 * fails with the cap's code. Closing it before its end drops the connection too: Apache HttpClient's own close reads
 * the rest of the body to reuse the connection, which for an answer that never ends never returns.
 *
 * <p>Kept out of Camel's stream cache ({@link CappedReplyClient#keepOutOfStreamCache}): the cache would copy it
 * into memory before the next step; our readers read it from the connection instead.
 */
public final class CappedReplyStream extends InputStream {

    private final InputStream in;
    private final long maxBytes;
    private final String capKey;
    private final FailureCode code;
    private final Runnable dropConnection;
    private long read;
    private boolean ended;
    private boolean dropped;

    /**
     * {@code in} capped, for a client that is not camel-http's (CXF): dropping it closes {@code in}, which for the JDK
     * HTTP client CXF uses cancels the exchange and closes its connection instead of reading on.
     */
    public static CappedReplyStream closingOnDrop(InputStream in, long maxBytes, String capKey, FailureCode code) {
        return new CappedReplyStream(in, maxBytes, capKey, code, () -> { });
    }

    CappedReplyStream(InputStream in, long maxBytes, String capKey, FailureCode code, Runnable dropConnection) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.capKey = capKey;
        this.code = code;
        this.dropConnection = dropConnection;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (dropped) {
            throw new IOException("the answer's connection was dropped at " + read + " bytes (" + capKey + ")");
        }
        if (length == 0) {
            return 0;
        }
        // one byte past the cap is enough to know it is over
        int n = in.read(buffer, offset, (int) Math.min(length, maxBytes - read + 1));
        if (n == -1) {
            ended = true;
            return -1;
        }
        read += n;
        if (read > maxBytes) {
            drop();
            throw new UsageBridgeFailure(code, "the target's answer is longer than " + maxBytes + " bytes (" + capKey
                    + "): the connection was dropped, the rest not read");
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return dropped ? 0 : in.available();
    }

    @Override
    public void close() throws IOException {
        if (ended) {
            in.close(); // read to its end: the connection goes back to the pool
        } else if (!dropped) {
            drop();
        }
    }

    /** Whether the body was read to its end (the connection may be reused). */
    boolean ended() {
        return ended;
    }

    private void drop() {
        dropped = true;
        dropConnection.run();
        try {
            in.close(); // fails at once on the dropped socket; frees a decoder's native memory
        } catch (IOException | RuntimeException ignored) {
            // the connection is gone: nothing more to release
        }
    }
}
