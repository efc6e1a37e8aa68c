package io.usagebridge.targets.httpmultipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/** What a receiver answers, read without Camel: the remote id of a 2xx, the code and reason of a 4xx. */
class HttpMultipartRepliesTest {

    private final HttpMultipartReplyReader accepted = new HttpMultipartReplyReader("id", "s3cret-token");
    private final HttpMultipartRefusalReader refusals = new HttpMultipartRefusalReader("s3cret-token");

    @Test
    void aJsonAnswerNamesTheUploadAnyOtherNamesNone() {
        assertEquals(Optional.of("upl-7"), accepted.remoteId("{\"id\": \"upl-7\", \"size\": 12}"));
        assertEquals(Optional.of("4711"), accepted.remoteId("{\"id\": 4711}"));
        assertEquals(Optional.empty(), accepted.remoteId("OK"));
        assertEquals(Optional.empty(), accepted.remoteId("{\"status\": \"stored\"}"));
        assertEquals(Optional.empty(), accepted.remoteId("{\"id\": {\"nested\": 1}}"));
        assertEquals(Optional.empty(), accepted.remoteId("{\"id\": \"" + "x".repeat(201) + "\"}"));
        assertEquals(Optional.of("u-1"), new HttpMultipartReplyReader("uploadId", "")
                .remoteId("{\"uploadId\": \"u-1\"}"));
    }

    @Test
    void theReasonIsTheMostSpecificMessageOfAJsonErrorOrTheText() {
        assertEquals("md5 mismatch", HttpMultipartRefusalReader.reason(
                "{\"error\": \"Bad Request\", \"message\": \"md5 mismatch\"}"));
        assertEquals("column units missing", HttpMultipartRefusalReader.reason(
                "{\"title\": \"Invalid upload\", \"detail\": \"column units missing\"}"));
        assertEquals("token expired", HttpMultipartRefusalReader.reason(
                "{\"error\": {\"code\": 7, \"message\": \"token expired\"}}"));
        assertEquals("file too big", HttpMultipartRefusalReader.reason("file\n  too big\n"));
        assertEquals("no reason given", HttpMultipartRefusalReader.reason(""));
    }

    @Test
    void eachRefusalHasItsStableCodeAndOnlyATimeoutIsRetried() {
        assertEquals(HttpMultipartFailureCode.HTTP_MULTIPART_REJECTED, refusal(400).code());
        assertEquals(HttpMultipartFailureCode.HTTP_MULTIPART_REJECTED, refusal(422).code());
        assertEquals(HttpMultipartFailureCode.HTTP_MULTIPART_AUTH_REFUSED, refusal(401).code());
        assertEquals(HttpMultipartFailureCode.HTTP_MULTIPART_AUTH_REFUSED, refusal(403).code());
        assertEquals(HttpMultipartFailureCode.HTTP_MULTIPART_TOO_LARGE, refusal(413).code());
        assertFalse(refusal(400).retryable());
        UsageBridgeFailure timeout = refusal(408);
        assertEquals(CoreFailureCode.TARGET_UNAVAILABLE, timeout.code());
        assertTrue(timeout.retryable());
    }

    @Test
    void aReceiverEchoingTheTokenDoesNotPutItOnDisk() {
        UsageBridgeFailure failure = refusals.refusal("billing-receiver", 401,
                "{\"message\": \"token s3cret-token is revoked\"}", null);

        assertEquals("the receiver refused the credentials (HTTP 401): token [token] is revoked; check "
                + "target.billing-receiver.token", failure.getMessage());
        assertFalse(failure.targetReply().contains("s3cret-token"));
    }

    @Test
    void contentMd5IsTheBase64OfTheDigestNotOfItsHex() {
        // RFC 1864's example digest form: MD5("") = d41d8cd98f00b204e9800998ecf8427e
        assertEquals("1B2M2Y8AsgTpgAmY7PhCfg==",
                HttpMultipartRequestBuilder.contentMd5("d41d8cd98f00b204e9800998ecf8427e"));
    }

    private UsageBridgeFailure refusal(int status) {
        return refusals.refusal("billing-receiver", status, "{\"message\": \"no\"}", null);
    }
}
