package io.usagebridge.targets.insights;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.http.ReplyBodies;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * One insights-batch target's two calls: the upload URL ({@code POST} the form dataSource, recordType, batchDate,
 * with Basic authentication: the API token as user, an empty password) and the upload ({@code PUT} of the file to
 * the signed URL, streamed from disk with a Content-Length). Every header of each request is set here, all others
 * cleared: the PUT carries no Content-Type, Content-MD5 or Authorization, which the URL's signature would not cover.
 * As a processor, it is the target route's first step and refuses anything but a batch folder.
 */
public final class InsightsConnection implements Processor {

    static final String AUTHORIZATION = "Authorization";

    private final String target;
    private final String uploadUrl;
    private final String authorization;
    private final Supplier<SignedUrlPolicy> policy;
    private final ObjectMapper json = new ObjectMapper();

    /** @param policy made on first use, from the target's settings (read at start, after the routes are built) */
    public InsightsConnection(String target, String uploadUrl, String apiToken, Supplier<SignedUrlPolicy> policy) {
        this.target = target;
        this.uploadUrl = uploadUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((apiToken + ":")
                .getBytes(StandardCharsets.UTF_8));
        this.policy = policy;
    }

    public String target() {
        return target;
    }

    /** The target route takes batch folders only; a single file routed here by a rule is refused, not guessed at. */
    @Override
    public void process(Exchange exchange) {
        if (!(exchange.getMessage().getBody() instanceof BatchFolder)) {
            throw new UsageBridgeFailure(CoreFailureCode.TARGET_CONFIG_INVALID, "target " + target + " is an "
                    + "insights-batch target: it takes batch folders <inbox>/insights/<dataSource>/<batch>/, not "
                    + "single files; check routing.default-targets and routing values");
        }
    }

    /** POST {url}: form dataSource, recordType, batchDate (form-encoded: a + would arrive as a space). */
    void uploadUrlRequest(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_URI, uploadUrl);
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        uploadUrlHeaders().forEach(message::setHeader);
        message.setBody(uploadUrlForm(uploadUrlFields(exchange)));
    }

    /** The upload-URL call's own headers, in the order they are set (a dry run's preview masks the token's). */
    Map<String, String> uploadUrlHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put(AUTHORIZATION, authorization);
        return headers;
    }

    /** The upload-URL call's form fields, in the order they go; a dry run's preview tells these very ones. */
    List<NameValuePair> uploadUrlFields(Exchange exchange) {
        return List.of(
                new BasicNameValuePair("dataSource", exchange.getProperty(InsightsKeys.DATA_SOURCE, String.class)),
                new BasicNameValuePair("recordType", exchange.getProperty(InsightsKeys.RECORD_TYPE, String.class)),
                new BasicNameValuePair("batchDate", exchange.getProperty(InsightsKeys.BATCH_DATE, String.class)));
    }

    static UrlEncodedFormEntity uploadUrlForm(List<NameValuePair> fields) {
        return new UrlEncodedFormEntity(fields, StandardCharsets.UTF_8);
    }

    String uploadUrl() {
        return uploadUrl;
    }

    /** Reads {@code signedUrl} from the answer and checks it before anything is sent there. */
    void signedUrl(Exchange exchange) throws Exception {
        String body = ReplyBodies.read(exchange, "Insights' upload-URL answer");
        JsonNode answer;
        try {
            answer = json.readTree(body.isEmpty() ? "{}" : body);
        } catch (Exception e) {
            throw new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_UNEXPECTED_REPLY,
                    "the upload-URL answer is not JSON",
                    cutQuery(body));
        }
        String signedUrl = answer.path("signedUrl").asText(null);
        if (signedUrl == null || signedUrl.isBlank()) {
            throw new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_UNEXPECTED_REPLY, "the upload-URL answer has no "
                    + "signedUrl", cutQuery(body));
        }
        String batchDate = exchange.getProperty(InsightsKeys.BATCH_DATE, String.class);
        String echoed = answer.path("batchDate").asText(null);
        if (echoed != null && !echoed.equals(batchDate)) {
            throw new UsageBridgeFailure(InsightsFailureCode.INSIGHTS_UNEXPECTED_REPLY,
                    "Insights answered for batchDate "
                    + echoed + ", UsageBridge asked for " + batchDate + ": the record type would miss its batch");
        }
        URI checked = policy.get().check(signedUrl);
        exchange.setProperty(InsightsKeys.SIGNED_URL, checked.toString());
    }

    /**
     * PUT {signed URL}: the file from disk with its checked length, cut before its end if it changed since its
     * check; no Content-Type (unsigned), no chunking.
     */
    void putRequest(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_URI, exchange.getProperty(InsightsKeys.SIGNED_URL, String.class));
        message.setHeader(Exchange.HTTP_METHOD, "PUT");
        message.setBody(putBody(exchange));
    }

    /** The bytes checked, or a failure before the body ends (the delivery's one chunk holds the checked MD5). */
    CheckedFileEntity putBody(Exchange exchange) {
        ChunkFile checked = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        return new CheckedFileEntity(checked.path(), checked.bytes(), checked.md5());
    }

    /** The store took the file: its object (the URL without the signature) and ETag become the delivery's facts. */
    void stored(Exchange exchange) throws java.io.IOException {
        ReplyBodies.read(exchange, "the store's answer"); // read (capped) and closed: nothing in it is needed
        String signed = exchange.getProperty(InsightsKeys.SIGNED_URL, String.class);
        String object = signed.contains("?") ? signed.substring(0, signed.indexOf('?')) : signed;
        String etag = exchange.getMessage().getHeader("ETag", String.class);
        exchange.setProperty(ExchangeKeys.REMOTE_ID, object);
        exchange.setProperty(ExchangeKeys.REMOTE_STATUS, "STORED");
        exchange.setProperty(ExchangeKeys.REMOTE_RESPONSE, "batchDate=" + exchange.getProperty(InsightsKeys.BATCH_DATE)
                + " ETag=" + etag);
        exchange.removeProperty(InsightsKeys.SIGNED_URL);
    }

    /** A URL (or a text holding one) without its query: the signature must not reach logs or the ledger. */
    static String cutQuery(String text) {
        return text == null ? null : text.replaceAll("\\?[^\"\\s]*", "?…");
    }

    @Override
    public String toString() {
        return "InsightsConnection[target=" + target + ", url=" + uploadUrl + "]"; // never the token
    }
}
