package io.usagebridge.targets.zuora.rest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.csv.ChunkFile;
import io.usagebridge.targets.zuora.ZuoraFileNames;

/**
 * A chunk as Zuora's multipart upload: the CSV as {@code file} named by Zuora's file-name rule, streamed from disk;
 * for a mass action also {@code params} = {"actionType": ..., "checksum": MD5 of the file}.
 */
public final class ZuoraUploadRequest implements Processor {

    private final ZuoraRestKind kind;
    private final String baseUrl;
    private final String actionType;
    private final ObjectMapper json = new ObjectMapper();

    public ZuoraUploadRequest(ZuoraRestKind kind, String baseUrl, String actionType) {
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.actionType = actionType;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ChunkFile chunk = exchange.getProperty(ExchangeKeys.CHUNK, ChunkFile.class);
        MultipartEntityBuilder body = MultipartEntityBuilder.create();
        body.addBinaryBody("file", chunk.path().toFile(), ContentType.create("text/csv"),
                ZuoraFileNames.mimeName(chunk.fileName()));
        if (kind == ZuoraRestKind.BULK) {
            ObjectNode params = json.createObjectNode().put("actionType", actionType).put("checksum", chunk.md5());
            body.addTextBody("params", json.writeValueAsString(params), ContentType.APPLICATION_JSON);
        }
        exchange.getMessage().setBody(body.build());
        exchange.setProperty(ExchangeKeys.REQUEST_URI, baseUrl + kind.uploadPath());
        exchange.setProperty(ExchangeKeys.REQUEST_METHOD, "POST");
    }
}
