package io.usagebridge.targets.twocheckout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.http.FormParts;
import io.usagebridge.preview.PreparedRequest;

/**
 * Turns a chunk into 2Checkout's multipart upload: merchant, secret_key (the seed lists it as a required,
 * signed parameter), file_MD5, hash and the file, streamed from disk with a known length.
 */
public final class TwoCheckoutRequestBuilder implements Processor {

    private static final String SECRET_KEY = "secret_key";

    private final String url;
    private final String merchant;
    private final String secretKey;
    private final boolean sendSecretKey;
    private final List<String> signedFields;
    private final String filePartName;
    private final Map<String, String> extraFields;

    public TwoCheckoutRequestBuilder(String url, String merchant, String secretKey, boolean sendSecretKey,
                                     List<String> signedFields, String filePartName, Map<String, String> extraFields) {
        this.url = url;
        this.merchant = merchant;
        this.secretKey = secretKey;
        this.sendSecretKey = sendSecretKey;
        this.signedFields = List.copyOf(signedFields);
        this.filePartName = filePartName;
        this.extraFields = Map.copyOf(extraFields);
    }

    @Override
    public void process(Exchange exchange) {
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        Map<String, String> fields = fields(chunk.md5());
        PreparedRequest request = new PreparedRequest("POST", url);
        FormParts body = new FormParts(MultipartEntityBuilder.create().setLaxMode(), request);
        fields.forEach((name, value) -> {
            if (SECRET_KEY.equals(name)) {
                body.secretText(name, value, ContentType.TEXT_PLAIN);
            } else {
                body.text(name, value, ContentType.TEXT_PLAIN);
            }
        });
        body.file(filePartName, chunk.path(), ContentType.create("text/csv"), chunk.fileName());
        exchange.getMessage().setBody(body.entity());
        exchange.setProperty(ExchangeKeys.PREPARED_REQUEST, request);
        // nothing from earlier steps (a CXF call sets text/xml) may override the multipart boundary
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
    }

    /** The text fields in the order they are sent, with the hash over the configured signed fields. */
    Map<String, String> fields(String fileMd5) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("merchant", merchant);
        values.put(SECRET_KEY, secretKey);
        values.put("file_MD5", fileMd5);
        values.putAll(extraFields);
        List<String> signed = new ArrayList<>();
        for (String name : signedFields) {
            if (!values.containsKey(name)) {
                throw new IllegalStateException("signed field '" + name + "' is not a field of the request");
            }
            signed.add(values.get(name));
        }
        Map<String, String> fields = new LinkedHashMap<>(values);
        if (!sendSecretKey) {
            fields.remove(SECRET_KEY);
        }
        fields.put("hash", TwoCheckoutHashSigner.hash(secretKey, signed));
        return fields;
    }

    /** Parses {@code NAME=value;NAME2=value2} from configuration. */
    public static Map<String, String> parseFields(String spec) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return fields;
        }
        for (String pair : spec.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return fields;
    }

    @Override
    public String toString() {
        return "TwoCheckoutRequestBuilder[merchant=" + merchant + "]"; // never the secret
    }
}
