package io.usagebridge.targets.zuora.rest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;

/** The status check of a Zuora job: GET /v1/bulk/{bulkKey}, or the checkImportStatus path of a usage import. */
public final class ZuoraStatusRequest implements Processor {

    private final ZuoraRestKind kind;
    private final String baseUrl;

    public ZuoraStatusRequest(ZuoraRestKind kind, String baseUrl) {
        this.kind = kind;
        this.baseUrl = baseUrl;
    }

    @Override
    public void process(Exchange exchange) {
        String remoteId = exchange.getProperty(ExchangeKeys.REMOTE_ID, String.class);
        String path = kind == ZuoraRestKind.BULK ? "/v1/bulk/" + remoteId : remoteId;
        exchange.setProperty(ExchangeKeys.REQUEST_URI, baseUrl + path);
        exchange.setProperty(ExchangeKeys.REQUEST_METHOD, "GET");
        exchange.getMessage().setBody(null);
    }
}
