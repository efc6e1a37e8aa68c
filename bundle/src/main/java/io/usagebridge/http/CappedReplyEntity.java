package io.usagebridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

import io.usagebridge.failure.FailureCode;

/**
 * An answer's entity whose content is one {@link CappedReplyStream}: whoever reads it (our readers, camel-http copying
 * an error body into its exception, its stream cache, its clean-up at the exchange's end) reads at most the cap, and
 * a close before the end drops the connection instead of draining it.
 */
final class CappedReplyEntity extends HttpEntityWrapper {

    private final long maxBytes;
    private final String capKey;
    private final FailureCode code;
    private final Runnable dropConnection;
    private CappedReplyStream content;

    CappedReplyEntity(HttpEntity wrapped, long maxBytes, String capKey, FailureCode code, Runnable dropConnection) {
        super(wrapped);
        this.maxBytes = maxBytes;
        this.capKey = capKey;
        this.code = code;
        this.dropConnection = dropConnection;
    }

    @Override
    public synchronized InputStream getContent() throws IOException {
        if (content == null) {
            content = new CappedReplyStream(super.getContent(), maxBytes, capKey, code, dropConnection);
        }
        return content;
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = getContent()) {
            in.transferTo(out);
        }
    }

    @Override
    public void close() throws IOException {
        CappedReplyStream stream = (CappedReplyStream) getContent();
        stream.close();
        if (stream.ended()) {
            super.close(); // otherwise the connection is already discarded: closing the wrapped entity would drain it
        }
    }
}
