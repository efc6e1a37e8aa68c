package io.usagebridge.targets.zuora.rest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;

/**
 * The status check of a Zuora job: GET /v1/bulk/{bulkKey}, or the checkImportStatus path of a usage import (Zuora
 * answers a path under the base URL; an absolute URL is taken as it is, and the allow-list judges it).
 */
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
        boolean absolute = path.regionMatches(true, 0, "https://", 0, 8) || path.regionMatches(true, 0, "http://", 0, 7);
        exchange.setProperty(ExchangeKeys.REQUEST_URI, absolute ? path : baseUrl + path);
        exchange.setProperty(ExchangeKeys.REQUEST_METHOD, "GET");
        exchange.setProperty(ZuoraRestRoutes.CALL_PURPOSE, kind == ZuoraRestKind.BULK ? "the job's status address"
                : "the checkImportStatus Zuora answered");
        exchange.getMessage().setBody(null);
    }
}
