package io.usagebridge.targets.zuora.rest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.http.FormParts;
import io.usagebridge.preview.PreparedRequest;
import io.usagebridge.targets.zuora.ZuoraFileNames;

/**
 * A chunk as Zuora's multipart upload: the CSV as {@code file} named by Zuora's file-name rule, streamed from disk;
 * for a mass action also {@code params} = {"actionType": ..., "checksum": MD5 of the file}.
 */
public final class ZuoraUploadRequest implements Processor {

    private final ZuoraRestKind kind;
    private final String baseUrl;
    private final String actionType;
    private final ZuoraRequestHeaders headers;
    private final ObjectMapper json = new ObjectMapper();

    /** @param headers the call's headers, told in the prepared request (the call route sets them on the wire) */
    public ZuoraUploadRequest(ZuoraRestKind kind, String baseUrl, String actionType, ZuoraRequestHeaders headers) {
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.actionType = actionType;
        this.headers = headers;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        String uri = baseUrl + kind.uploadPath();
        PreparedRequest request = new PreparedRequest("POST", uri);
        FormParts body = new FormParts(MultipartEntityBuilder.create(), request);
        body.file("file", chunk.path(), ContentType.create("text/csv"), ZuoraFileNames.mimeName(chunk.fileName()));
        if (kind == ZuoraRestKind.BULK) {
            ObjectNode params = json.createObjectNode().put("actionType", actionType).put("checksum", chunk.md5());
            body.text("params", json.writeValueAsString(params), ContentType.APPLICATION_JSON);
        }
        exchange.getMessage().setBody(body.entity());
        exchange.setProperty(ExchangeKeys.REQUEST_URI, uri);
        exchange.setProperty(ExchangeKeys.REQUEST_METHOD, "POST");
        headers.headers(exchange, "POST", null).forEach(request::header);
        request.secretHeader(ZuoraRequestHeaders.AUTHORIZATION)
                .atSendTime(ZuoraRequestHeaders.AUTHORIZATION, "Bearer and the token POST /oauth/token answers "
                        + "(a dry run asks for none)")
                .atSendTime(ZuoraRequestHeaders.TRACK_ID, "usagebridge-delivery-<the ledger's delivery id>");
        exchange.setProperty(ExchangeKeys.PREPARED_REQUEST, request);
    }
}
