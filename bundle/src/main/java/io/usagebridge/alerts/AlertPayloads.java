package io.usagebridge.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.usagebridge.alerts.ledger.AlertKind;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.SourceRow;

/**
 * The JSON body of an alert: what happened, to which file and delivery, and the console page that shows the rest.
 * Only what the ledger holds about the file and the delivery, never a secret, never a row or value of the usage
 * data: no error message either, since a validation message quotes the value it refused (the console shows it).
 */
public final class AlertPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String consoleBaseUrl;

    public AlertPayloads(String consoleBaseUrl) {
        this.consoleBaseUrl = consoleBaseUrl.endsWith("/")
                ? consoleBaseUrl.substring(0, consoleBaseUrl.length() - 1) : consoleBaseUrl;
    }

    /** The console's page of one file. */
    public String consoleUrl(long sourceId) {
        return consoleBaseUrl + "/console/#file-" + sourceId;
    }

    /** The console's first page. */
    public String consoleHome() {
        return consoleBaseUrl + "/console/";
    }

    /**
     * The body of a file-missed alert: the schedule and its window ({@code schedule}: name, source, pattern, when
     * expected, the deadline, where the window began), in the order given.
     */
    public String missedBody(long alertId, Instant time, Map<String, String> schedule) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", alertId);
        body.put("kind", AlertKind.FILE_MISSED.wireName());
        body.put("time", time.toString());
        ObjectNode node = body.putObject("schedule");
        schedule.forEach(node::put);
        body.put("consoleUrl", consoleHome());
        return json(body);
    }

    public String body(long alertId, AlertKind kind, Instant time, Optional<SourceRow> file,
                       Optional<DeliveryRow> delivery) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", alertId);
        body.put("kind", kind.wireName());
        body.put("time", time.toString());
        file.ifPresent(f -> {
            ObjectNode node = body.putObject("file");
            node.put("id", f.id());
            node.put("name", f.name());
            node.put("state", f.state().name());
            node.put("sha256", f.sha256());
            node.put("errorCode", f.errorCode() != null ? f.errorCode()
                    : delivery.map(DeliveryRow::errorCode).orElse(null));
            node.put("receivedAt", f.receivedAt().toString());
        });
        delivery.ifPresent(d -> {
            ObjectNode node = body.putObject("delivery");
            node.put("id", d.id());
            node.put("target", d.target());
            node.put("chunk", d.chunkNo() + 1);
            node.put("chunks", d.chunkCount());
            node.put("state", d.state().name());
            node.put("errorCode", d.errorCode());
            node.put("attempts", d.attempts());
            node.put("remoteId", d.remoteId());
            node.put("remoteStatus", d.remoteStatus());
            if (d.remoteFailed() != null) {
                node.put("rejectedRows", d.remoteFailed());
            }
            if (d.remoteTotal() != null) {
                node.put("remoteRows", d.remoteTotal());
            }
        });
        file.ifPresent(f -> body.put("consoleUrl", consoleUrl(f.id())));
        return json(body);
    }

    private static String json(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert body", e);
        }
    }
}
