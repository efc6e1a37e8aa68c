package io.usagebridge.targets.zuora.soap;

import java.io.InputStream;

import org.apache.cxf.interceptor.AttachmentInInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.http.CappedReplyStream;
import io.usagebridge.http.ReplyBodies;

/**
 * Caps every answer of the Zuora SOAP client at {@code http.max-reply-bytes}, as it comes off the connection and
 * before CXF parses it (its MIME parts, then the envelope into a DOM in PAYLOAD mode): Zuora's answers to login(),
 * create() and query() are a few kilobytes, so a longer one is hostile or broken and fails with
 * TARGET_REPLY_TOO_LARGE, its connection closed rather than read to its end.
 */
final class CappedSoapAnswers extends AbstractPhaseInterceptor<Message> {

    private final long maxBytes;

    CappedSoapAnswers(long maxBytes) {
        super(Phase.RECEIVE);
        addBefore(AttachmentInInterceptor.class.getName());
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in != null && !(in instanceof CappedReplyStream)) {
            message.setContent(InputStream.class, CappedReplyStream.closingOnDrop(in, maxBytes,
                    ReplyBodies.MAX_REPLY_BYTES_KEY, CoreFailureCode.TARGET_REPLY_TOO_LARGE));
        }
    }
}
