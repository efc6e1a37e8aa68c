package io.usagebridge.targets.insights;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

import io.usagebridge.deadletter.FailureClassifier;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * The meaning of the Batch API's and the store's refusals, by the seed's exception texts and S3's error codes. What
 * the target never processed (network errors, 429, 5xx) stays retryable, as for any target; an expired signed URL
 * is retryable too, because the retry asks for a new URL (with the same batchDate).
 */
public final class InsightsErrorMapper {

    private final FailureClassifier classifier;

    public InsightsErrorMapper(FailureClassifier classifier) {
        this.classifier = classifier;
    }

    /** A failed {@code POST /api/files/upload}. */
    public void uploadUrlFailure(Exchange exchange) {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (thrown instanceof HttpOperationFailedException http) {
            throw uploadUrlFailure(http.getStatusCode(), http.getResponseBody(), http,
                    exchange.getProperty(InsightsKeys.DATA_SOURCE, String.class),
                    exchange.getProperty(InsightsKeys.RECORD_TYPE, String.class),
                    exchange.getProperty(InsightsKeys.BATCH_DATE, String.class));
        }
        throw classifier.classify(thrown);
    }

    UsageBridgeFailure uploadUrlFailure(int status, String body, HttpOperationFailedException http, String dataSource,
                                        String recordType, String batchDate) {
        String reply = body == null ? "" : body;
        String call = "Failed to retrieve file upload URL for dataSource=" + dataSource + " recordType=" + recordType
                + " batchDate=" + batchDate + ": ";
        if (status == 401 || reply.contains("Please authenticate to access this resource")) {
            return new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_AUTH_FAILED,
                    call + "Insights refused the API token "
                    + "(HTTP " + status + "): check the target's api-token", reply);
        }
        if (reply.contains("Invalid query parameter dataSource")) {
            return new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_DATA_SOURCE_UNKNOWN,
                    call + "Insights does not know "
                    + "data source " + dataSource + ": check the data source's API name with Zuora Global Services",
                    reply);
        }
        if (reply.contains("Invalid query parameter recordType")) {
            return new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_RECORD_TYPE_UNKNOWN, call + "data source "
                    + dataSource + " has no record type " + recordType + ": check the record types' API names "
                    + "with Zuora Global Services", reply);
        }
        if (reply.contains("Invalid ISO timestamp")) {
            return new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_BATCH_DATE_INVALID,
                    call + "Insights refused the "
                    + "batchDate", reply);
        }
        return http == null ? new UsageBridgeFailure(CoreFailureCode.TARGET_HTTP_ERROR, call + "HTTP " + status, reply)
                : classifier.classify(http);
    }

    /** A failed PUT to the signed URL. */
    public void storeFailure(Exchange exchange) {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (thrown instanceof HttpOperationFailedException http) {
            throw storeFailure(http.getStatusCode(), http.getResponseBody(), http.getRedirectLocation(), http);
        }
        throw classifier.classify(thrown);
    }

    UsageBridgeFailure storeFailure(int status, String body, String redirectLocation,
                                    HttpOperationFailedException http) {
        String reply = InsightsConnection.cutQuery(body == null ? "" : body);
        if (status >= 300 && status < 400) {
            return new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_SIGNED_URL_REFUSED,
                    "the store answered HTTP " + status
                    + " redirecting to " + (redirectLocation == null ? "another place" : "host "
                    + SignedUrlPolicy.host(hostOf(redirectLocation))) + ": redirects are not followed, the file "
                    + "goes to the signed URL's host only", reply);
        }
        if (status == 403 && reply.contains("Request has expired")) {
            return new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_SIGNED_URL_EXPIRED,
                    "the store says the signed URL "
                    + "expired before the upload started: asking for a new one with the same batchDate", reply, true,
                    null,
                    http);
        }
        if (status == 403 && reply.contains("SignatureDoesNotMatch")) {
            return new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_SIGNATURE_MISMATCH,
                    "the store refused the signed "
                    + "URL's signature (a header it does not cover was sent, or the URL was altered)", reply);
        }
        if (status == 400 && reply.contains("<Code>RequestTimeout</Code>")) {
            return new UsageBridgeFailure(CoreFailureCode.TARGET_UNAVAILABLE, "the store timed out reading the upload",
                    reply, true, null, http);
        }
        return http == null ? new UsageBridgeFailure(CoreFailureCode.TARGET_HTTP_ERROR, "HTTP " + status + " from the "
                + "store", reply) : classifier.classify(http);
    }

    private static String hostOf(String location) {
        String rest = location.contains("://") ? location.substring(location.indexOf("://") + 3) : location;
        int end = rest.indexOf('/');
        String authority = end < 0 ? rest : rest.substring(0, end);
        int query = authority.indexOf('?');
        return query < 0 ? authority : authority.substring(0, query);
    }
}
