package io.usagebridge.targets.zuora.rest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.http.ReplyBodies;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Reads Zuora's answer to an upload: the job to follow ({@code bulkKey}, or the {@code checkImportStatus} path of
 * a usage import), or success=false with Zuora's reasons.
 */
public final class ZuoraSubmitReader implements Processor {

    private final ZuoraRestKind kind;
    private final ObjectMapper json = new ObjectMapper();

    public ZuoraSubmitReader(ZuoraRestKind kind) {
        this.kind = kind;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String body = ReplyBodies.read(exchange, "Zuora's answer to the upload");
        exchange.setProperty(ExchangeKeys.REMOTE_RESPONSE, body);
        JsonNode answer = ReplyBodies.json(json, body, "Zuora's answer to the upload");
        if (!answer.path("success").asBoolean(false)) {
            throw new UsageBridgeFailure(ZuoraRestFailureCode.ZUORA_REQUEST_REJECTED, "Zuora refused the upload: "
                    + answer.path("reasons"), body);
        }
        String remoteId = kind == ZuoraRestKind.BULK ? answer.path("bulkKey").asText(null)
                : answer.path("checkImportStatus").asText(null);
        if (remoteId == null) {
            throw new UsageBridgeFailure(ZuoraRestFailureCode.ZUORA_REQUEST_REJECTED,
                    "Zuora's answer names no job to follow",
                    body);
        }
        exchange.setProperty(ExchangeKeys.REMOTE_ID, remoteId);
    }
}
