package io.usagebridge.targets.zuora.rest;

/**
 * Everything one configured Zuora REST target needs on the wire, made from its templatedRoute's parameters: the
 * steps that shape its requests and read its answers, sharing one token cache.
 */
public record ZuoraConnection(String target, ZuoraRestKind kind, String baseUrl, ZuoraTokenCache tokens, ZuoraRequestHeaders headers,
                              ZuoraUploadRequest upload, ZuoraSubmitReader submitReader,
                              ZuoraStatusRequest statusRequest, ZuoraStatusReader statusReader) {
}
