package io.usagebridge.targets.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

import io.usagebridge.deadletter.FailureClassifier;
import io.usagebridge.deadletter.RetryAfterReader;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.sandbox.insights.InsightsBatchSimulator;

/** The seed's exceptions and S3's refusals, each to a stable code; what may succeed later stays retryable. */
class InsightsErrorMapperTest {

    private final InsightsErrorMapper mapper = new InsightsErrorMapper(new FailureClassifier(
            new RetryAfterReader(Duration.ofMinutes(10), Clock.systemUTC())));

    @Test
    void seedsUploadUrlExceptionsMapToTheirCodes() {
        assertEquals(InsightsFailureCode.INSIGHTS_AUTH_FAILED,
                api(401, InsightsBatchSimulator.NOT_AUTHENTICATED).code());
        assertEquals(InsightsFailureCode.INSIGHTS_DATA_SOURCE_UNKNOWN,
                api(400, InsightsBatchSimulator.INVALID_DATA_SOURCE).code());
        assertEquals(InsightsFailureCode.INSIGHTS_RECORD_TYPE_UNKNOWN,
                api(400, InsightsBatchSimulator.INVALID_RECORD_TYPE).code());
        UsageBridgeFailure batchDate = api(400, InsightsBatchSimulator.INVALID_BATCH_DATE);
        assertEquals(InsightsFailureCode.INSIGHTS_BATCH_DATE_INVALID, batchDate.code());
        assertTrue(batchDate.getMessage().startsWith("Failed to retrieve file upload URL for dataSource=billing "
                + "recordType=account batchDate=2026-11-01T10:00:00Z: "), batchDate.getMessage());
        assertFalse(batchDate.retryable());
    }

    @Test
    void unavailableApiIsRetryable() {
        UsageBridgeFailure failure = api(503, "Service Unavailable");
        assertEquals(CoreFailureCode.TARGET_UNAVAILABLE, failure.code());
        assertTrue(failure.retryable());
    }

    @Test
    void storeRefusalsMapToTheirCodes() {
        UsageBridgeFailure expired = store(403, "<Error><Code>AccessDenied</Code><Message>Request has expired"
                + "</Message></Error>", null);
        assertEquals(InsightsFailureCode.INSIGHTS_SIGNED_URL_EXPIRED, expired.code());
        assertTrue(expired.retryable(), "the retry asks for a new URL");
        UsageBridgeFailure signature = store(403, "<Error><Code>SignatureDoesNotMatch</Code></Error>", null);
        assertEquals(InsightsFailureCode.INSIGHTS_SIGNATURE_MISMATCH, signature.code());
        assertFalse(signature.retryable());
        UsageBridgeFailure redirect = store(307, "", "https://elsewhere.example.net/object?Signature=x");
        assertEquals(InsightsFailureCode.INSIGHTS_SIGNED_URL_REFUSED, redirect.code());
        assertTrue(redirect.getMessage().contains("elsewhere.example.net"), redirect.getMessage());
        assertTrue(store(503, "<Error><Code>SlowDown</Code></Error>", null).retryable());
        assertTrue(store(400, "<Error><Code>RequestTimeout</Code></Error>", null).retryable());
        assertEquals(CoreFailureCode.TARGET_HTTP_ERROR, store(400, "<Error><Code>InvalidRequest</Code></Error>", null)
                .code());
    }

    private UsageBridgeFailure api(int status, String body) {
        return mapper.uploadUrlFailure(status, body, http(status, body, null), "billing", "account",
                "2026-11-01T10:00:00Z");
    }

    private UsageBridgeFailure store(int status, String body, String location) {
        return mapper.storeFailure(status, body, location, http(status, body, location));
    }

    private static HttpOperationFailedException http(int status, String body, String location) {
        return new HttpOperationFailedException("http://insights", status, "status " + status, location, Map.of(),
                body);
    }
}
