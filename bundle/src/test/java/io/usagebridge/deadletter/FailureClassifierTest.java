package io.usagebridge.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/** What was thrown, as a failure code: retry only what surely did not reach the target. */
class FailureClassifierTest {

    private static final String URI = "http://localhost:8089/upload";

    private final FailureClassifier classifier = new FailureClassifier(new RetryAfterReader(Duration.ofMinutes(10),
            Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC)));

    @Test
    void untrustedCertificateIsTlsNotTrustedNamingTheServerAndNotRetried() {
        var refused = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        refused.initCause(new io.usagebridge.security.UntrustedCertificateException("billing", "localhost:8443",
                new java.security.cert.CertificateException("unable to find valid certification path")));

        UsageBridgeFailure failure = classifier.classify(refused);

        assertEquals(CoreFailureCode.TLS_NOT_TRUSTED, failure.code());
        assertFalse(failure.retryable());
        assertFalse(failure.code().mayHaveArrived());
        assertTrue(failure.getMessage().contains("localhost:8443"), failure.getMessage());
        assertTrue(failure.getMessage().contains("target.billing.trust-store"), failure.getMessage());
    }

    @Test
    void certificateNotNamingTheHostIsTlsNotTrustedNotUncertain() {
        UsageBridgeFailure failure = classifier.classify(new javax.net.ssl.SSLPeerUnverifiedException(
                "Certificate for <billing.example.com> doesn't match any of the subject alternative names"));

        assertEquals(CoreFailureCode.TLS_NOT_TRUSTED, failure.code());
        assertFalse(failure.retryable());
    }

    @Test
    void refusedConnectionIsUnreachableAndRetried() {
        UsageBridgeFailure failure = classifier.classify(new ConnectException("Connection refused"));

        assertEquals(CoreFailureCode.TARGET_UNREACHABLE, failure.code());
        assertTrue(failure.retryable());
        assertTrue(classifier.retryable(new ConnectException("Connection refused")));
        assertTrue(failure.getMessage().contains("Connection refused"), failure.getMessage());
    }

    @Test
    void connectErrorsDeeperInTheCauseChainAreUnreachableToo() {
        assertEquals(CoreFailureCode.TARGET_UNREACHABLE,
                classifier.classify(new RuntimeException(new ConnectException("Connection refused"))).code());
        assertEquals(CoreFailureCode.TARGET_UNREACHABLE,
                classifier.classify(new UnknownHostException("billing.example")).code());
        assertEquals(CoreFailureCode.TARGET_UNREACHABLE,
                classifier.classify(new ConnectTimeoutException("Connect timed out")).code(),
                "a connect timeout is an interrupted I/O, but nothing was written yet");
    }

    @Test
    void serviceUnavailableIsRetriedAfterTheWaitTheTargetAsked() {
        UsageBridgeFailure failure = classifier.classify(http(503, "Service Unavailable", Map.of("Retry-After", "7"),
                "busy"));

        assertEquals(CoreFailureCode.TARGET_UNAVAILABLE, failure.code());
        assertTrue(failure.retryable());
        assertEquals(Duration.ofSeconds(7), failure.retryAfter());
        assertEquals("busy", failure.targetReply());
        assertTrue(failure.getMessage().contains("503"), failure.getMessage());
    }

    @Test
    void tooManyRequestsIsRateLimitedAndRetried() {
        UsageBridgeFailure failure = classifier.classify(http(429, "Too Many Requests", Map.of("Retry-After", "3"),
                "slow down"));

        assertEquals(CoreFailureCode.TARGET_RATE_LIMITED, failure.code());
        assertTrue(failure.retryable());
        assertEquals(Duration.ofSeconds(3), failure.retryAfter());
        assertEquals("slow down", failure.targetReply());
    }

    @Test
    void notFoundIsAnHttpErrorThatIsNotRetried() {
        UsageBridgeFailure failure = classifier.classify(http(404, "Not Found", Map.of("Retry-After", "7"),
                "no such page"));

        assertEquals(CoreFailureCode.TARGET_HTTP_ERROR, failure.code());
        assertFalse(failure.retryable());
        assertNull(failure.retryAfter());
        assertEquals("no such page", failure.targetReply());
        assertTrue(failure.getMessage().contains("404"), failure.getMessage());
    }

    @Test
    void noAnswerAfterTheRequestWasWrittenIsUncertainAndNeverRetried() {
        for (Throwable noAnswer : new Throwable[] {
                new NoHttpResponseException("The target server failed to respond"),
                new SocketTimeoutException("Read timed out"),
                new IOException("Connection reset")}) {
            UsageBridgeFailure failure = classifier.classify(noAnswer);

            assertEquals(CoreFailureCode.DELIVERY_UNCERTAIN, failure.code(), noAnswer.toString());
            assertFalse(failure.retryable(), noAnswer.toString());
            assertFalse(classifier.retryable(noAnswer), noAnswer.toString());
            assertTrue(failure.code().mayHaveArrived(), noAnswer.toString());
            assertTrue(failure.getMessage().contains("then resolve it"), failure.getMessage());
        }
    }

    @Test
    void serverErrorAfterTheBodyWasWrittenMayHaveBeenStored() {
        for (int status : new int[] {500, 502, 504}) {
            UsageBridgeFailure failure = classifier.classify(http(status, "Error", Map.of(), "oops"));

            assertEquals(CoreFailureCode.TARGET_SERVER_ERROR, failure.code(), "HTTP " + status);
            assertTrue(failure.code().mayHaveArrived(), "HTTP " + status);
        }
        assertFalse(classifier.classify(http(503, "Unavailable", Map.of(), "")).code().mayHaveArrived(),
                "503 says it did not process the request");
    }

    @Test
    void failedTlsHandshakeIsBeforeAnyByteOfTheRequest() {
        UsageBridgeFailure failure = classifier.classify(new javax.net.ssl.SSLHandshakeException("bad cert"));

        assertEquals(CoreFailureCode.TARGET_UNREACHABLE, failure.code());
        assertTrue(failure.retryable());
    }

    @Test
    void ownFailureIsKeptAsItIsEvenWhenWrapped() {
        UsageBridgeFailure own = new UsageBridgeFailure(CoreFailureCode.CSV_HEADER_INVALID, "line 1: column 'Qty'");

        assertSame(own, classifier.classify(own));
        assertSame(own, classifier.classify(new RuntimeException("wrapped", own)));
    }

    @Test
    void anythingElseIsAnInternalErrorThatIsNotRetried() {
        UsageBridgeFailure failure = classifier.classify(new IllegalArgumentException("bad"));

        assertEquals(CoreFailureCode.INTERNAL_ERROR, failure.code());
        assertFalse(failure.retryable());
        assertTrue(failure.getMessage().contains("IllegalArgumentException: bad"), failure.getMessage());
    }

    private static HttpOperationFailedException http(int status, String text, Map<String, String> headers,
                                                     String body) {
        return new HttpOperationFailedException(URI, status, text, null, headers, body);
    }
}
