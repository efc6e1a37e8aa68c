package io.usagebridge.targets.httpmultipart;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.http.FormParts;
import io.usagebridge.preview.PreparedRequest;

/**
 * Turns a chunk into the receiver's upload: the configured form fields, the MD5 field (lower-case hex), then the
 * file part streamed from disk with a known length; a {@code Content-MD5} header (RFC 1864: base64 of the same
 * digest, here of the file part's bytes) and, when a token is configured, {@code Authorization: Bearer}.
 */
public final class HttpMultipartRequestBuilder implements Processor {

    private static final ContentType TEXT = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);
    private static final ContentType CSV = ContentType.create("text/csv", StandardCharsets.UTF_8);

    private final String url;
    private final HttpMultipartSettings settings;
    private final String token;

    /** @param token the bearer token, or empty for none */
    public HttpMultipartRequestBuilder(String url, HttpMultipartSettings settings, String token) {
        this.url = url;
        this.settings = settings;
        this.token = token == null ? "" : token.trim();
    }

    @Override
    public void process(Exchange exchange) {
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        // non-ASCII file names go as UTF-8, as browsers send them
        PreparedRequest request = new PreparedRequest("POST", url);
        FormParts body = new FormParts(MultipartEntityBuilder.create().setLaxMode().setCharset(StandardCharsets.UTF_8),
                request);
        settings.formFields().forEach((name, value) -> body.text(name, value, TEXT));
        // the MD5 before the file: a streaming receiver knows what to expect before the bytes arrive
        body.text(settings.md5FieldName(), chunk.md5(), TEXT);
        body.file(settings.filePartName(), chunk.path(), CSV, chunk.fileName());
        Message message = exchange.getMessage();
        message.setBody(body.entity());
        // nothing from earlier steps may reach the receiver or override the multipart boundary
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        String contentMd5 = contentMd5(chunk.md5());
        message.setHeader("Content-MD5", contentMd5);
        request.header("Content-MD5", contentMd5);
        if (!token.isEmpty()) {
            message.setHeader("Authorization", "Bearer " + token);
            request.secretHeader("Authorization");
        }
        exchange.setProperty(ExchangeKeys.PREPARED_REQUEST, request);
    }

    /** RFC 1864's form of an MD5: base64 of the 16 digest bytes (not of the hex text). */
    static String contentMd5(String hexMd5) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hexMd5));
    }

    @Override
    public String toString() {
        return "HttpMultipartRequestBuilder[filePart=" + settings.filePartName() + ", md5Field="
                + settings.md5FieldName() + ", token=" + (token.isEmpty() ? "none" : "set") + "]"; // never the token
    }
}
