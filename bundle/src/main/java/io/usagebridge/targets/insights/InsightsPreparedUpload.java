package io.usagebridge.targets.insights;

import java.io.IOException;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.preview.PreparedRequest;
import io.usagebridge.preview.RequestPreviewWriter;

/**
 * The sign step of a record type's send: tells the two calls of its upload as a {@link PreparedRequest}, made from
 * the very form fields, headers and PUT body {@link InsightsConnection} sends (the upload route builds them again at
 * each attempt, as a retry repeats both calls). A dry run's preview is so what would go: the POST that asks for the
 * signed URL, then the PUT of the file to it.
 */
public final class InsightsPreparedUpload implements Processor {

    private final InsightsConnections connections;

    public InsightsPreparedUpload(InsightsConnections connections) {
        this.connections = connections;
    }

    @Override
    public void process(Exchange exchange) throws IOException, ParseException {
        InsightsConnection connection = connections.of(exchange);
        CheckedFileEntity file = connection.putBody(exchange);
        // the client sends the length of the entity; the signed URL covers no Content-Type, so none is set
        PreparedRequest put = new PreparedRequest("PUT", RequestPreviewWriter.AT_SEND_TIME)
                .header("Content-Length", String.valueOf(file.getContentLength()))
                .bodyFile(file.file())
                .atSendTime("url", "the signedUrl the POST answers, sent to only if it passes "
                        + "target.<id>.signed-url-hosts (its signature is a credential: never written)");
        List<NameValuePair> fields = connection.uploadUrlFields(exchange);
        UrlEncodedFormEntity form = InsightsConnection.uploadUrlForm(fields);
        PreparedRequest post = new PreparedRequest("POST", connection.uploadUrl());
        connection.uploadUrlHeaders().forEach((name, value) -> {
            if (InsightsConnection.AUTHORIZATION.equals(name)) {
                post.secretHeader(name); // Basic and the API token: never written
            } else {
                post.header(name, value);
            }
        });
        // the client sends the entity's type and length
        post.header("Content-Type", form.getContentType())
                .header("Content-Length", String.valueOf(form.getContentLength()));
        fields.forEach(field -> post.text(field.getName(), field.getValue(), null));
        post.body(EntityUtils.toString(form))
                .note("batchDate", "chosen in the transaction that claims the batch (InsightsBatchLedger): the "
                        + "claim's time, UTC to the second, later than the data source's last; shown as this dry "
                        + "run's own claim chose it with that code, a real run sends its claim's, the same for every "
                        + "record type, retry and replay")
                .then(put);
        exchange.setProperty(ExchangeKeys.PREPARED_REQUEST, post);
    }
}
