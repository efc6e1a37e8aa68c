package io.usagebridge.targets.zuora.rest;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.http.ReplyBodies;
import io.usagebridge.poll.RemoteOutcome;

/**
 * Reads a Zuora job's status. Bulk: Pending, Processing, Stopping (ask again), Completed, Failed, Stopped, with
 * totalCount/successCount/errorCount as strings (null while Pending) and an outputURL. Usage: importStatus Pending, Processing, Completed, Canceled, Failed; only
 * Completed means imported.
 */
public final class ZuoraStatusReader implements Processor {

    private final ZuoraRestKind kind;
    private final ObjectMapper json = new ObjectMapper();

    public ZuoraStatusReader(ZuoraRestKind kind) {
        this.kind = kind;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String body = ReplyBodies.read(exchange, "Zuora's status answer");
        JsonNode answer = ReplyBodies.json(json, body, "Zuora's status answer");
        String status = kind == ZuoraRestKind.BULK ? answer.path("status").asText("")
                : answer.path("importStatus").asText("");
        exchange.setProperty(ExchangeKeys.REMOTE_STATUS, status);
        exchange.setProperty(ExchangeKeys.REMOTE_RESPONSE, body);
        exchange.setProperty(ExchangeKeys.POLL_OUTCOME, outcome(status));
        reason(answer).ifPresent(reason -> exchange.setProperty(ExchangeKeys.REMOTE_REASON, reason));
        if (kind == ZuoraRestKind.BULK) {
            exchange.setProperty(ExchangeKeys.REMOTE_TOTAL, count(answer, "totalCount"));
            exchange.setProperty(ExchangeKeys.REMOTE_IMPORTED, count(answer, "successCount"));
            exchange.setProperty(ExchangeKeys.REMOTE_FAILED, count(answer, "errorCount"));
            String output = answer.path("outputURL").asText("");
            if (!output.isBlank()) {
                exchange.setProperty(ExchangeKeys.RESULT_URL, output);
            }
        }
    }

    static RemoteOutcome outcome(String status) {
        return switch (status) {
            case "Completed" -> RemoteOutcome.ACCEPTED;
            case "Failed", "Canceled" -> RemoteOutcome.REJECTED;
            case "Stopped" -> RemoteOutcome.STOPPED;
            default -> RemoteOutcome.PENDING;
        };
    }

    /** Zuora's own words on a job: its message, or the first of its reasons. */
    static java.util.Optional<String> reason(JsonNode answer) {
        for (String field : new String[] {"message", "statusReason", "errorMessage"}) {
            String text = answer.path(field).asText("");
            if (!text.isBlank()) {
                return java.util.Optional.of(text.trim());
            }
        }
        JsonNode first = answer.path("reasons").path(0).path("message");
        return first.isMissingNode() || first.asText("").isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(first.asText().trim());
    }

    /** Zuora sends counts as strings; absent or blank is unknown. */
    private static Long count(JsonNode answer, String field) {
        String text = answer.path(field).asText("");
        try {
            return text.isBlank() ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
