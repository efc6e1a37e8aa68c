package io.usagebridge.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes an alert's mail from its JSON body (the webhook's), so both channels tell the same facts: the kind, the
 * file, the target and counts, the console link. Only what the body holds, which is never a secret, a usage value
 * or an error message. Values are kept to one line each (a name cannot add a header or fake a line), and the
 * subject is stable per kind and file, so a mail client threads repeats of one condition.
 */
public final class AlertMailText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SUBJECT_VALUE = 120;
    /**
     * The lines of the body: a label, where its value is in the JSON body, and where the total it is "of" is (a
     * chunk of chunks, rows of the target's rows); absent values are left out.
     */
    private static final String[][] FACTS = {
        {"Kind", "/kind"}, {"File", "/file/name"}, {"File id", "/file/id"}, {"File state", "/file/state"},
        {"Error code", "/file/errorCode"}, {"Received", "/file/receivedAt"}, {"SHA-256", "/file/sha256"},
        {"Target", "/delivery/target"}, {"Delivery", "/delivery/id"},
        {"Chunk", "/delivery/chunk", "/delivery/chunks"}, {"Delivery state", "/delivery/state"},
        {"Delivery error", "/delivery/errorCode"},
        {"Rows rejected", "/delivery/rejectedRows", "/delivery/remoteRows"}, {"Remote id", "/delivery/remoteId"},
        {"Schedule", "/schedule/name"}, {"Source", "/schedule/source"}, {"Files like", "/schedule/pattern"},
        {"Expected by", "/schedule/expectedBy"}, {"Deadline", "/schedule/deadline"},
        {"Looked from", "/schedule/windowStart"}, {"Console", "/consoleUrl"},
    };

    public AlertMail of(String payload) {
        JsonNode body;
        try {
            body = JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("alert body", e);
        }
        String kind = text(body, "/kind");
        StringBuilder text = new StringBuilder(what(kind)).append("\n\n");
        for (String[] fact : FACTS) {
            String value = text(body, fact[1]);
            String total = fact.length > 2 ? text(body, fact[2]) : "";
            if (!value.isEmpty() && !total.isEmpty()) {
                value += " of " + total;
            }
            if (!value.isEmpty()) {
                text.append(fact[0]).append(": ").append(value).append('\n');
            }
        }
        text.append("\nAlert ").append(text(body, "/id")).append(", raised ").append(text(body, "/time"))
                .append(". The console shows the rest (an error's message too); this mail carries no usage data.\n");
        return new AlertMail("[UsageBridge] " + kind.replace('-', ' ') + ": " + about(body), text.toString());
    }

    private static String what(String kind) {
        return switch (kind) {
            case "file-failed" -> "A file ended FAILED: its original is in failed/ with its .error.json.";
            case "file-missed" -> "A file the schedule expects did not arrive by its deadline.";
            case "delivery-uncertain" -> "A delivery may have reached its target without an answer. It is not "
                    + "resent on its own: check the target, then resolve it in the console.";
            case "rows-rejected" -> "A target finished a job and refused some of its rows.";
            default -> "UsageBridge raised an alert.";
        };
    }

    /** What the subject names: the schedule of a missed file, else the file (and the target of a delivery). */
    private static String about(JsonNode body) {
        String about;
        if (!body.at("/schedule/name").isMissingNode()) {
            about = text(body, "/schedule/name") + " (" + text(body, "/schedule/pattern") + ")";
        } else {
            about = text(body, "/file/name");
            if (!body.at("/delivery/target").isMissingNode()) {
                about += " to " + text(body, "/delivery/target");
            }
        }
        return about.length() > MAX_SUBJECT_VALUE ? about.substring(0, MAX_SUBJECT_VALUE) + "..." : about;
    }

    /** The value at {@code pointer}, on one line; empty when absent or null. */
    private static String text(JsonNode body, String pointer) {
        JsonNode node = body.at(pointer);
        return node.isMissingNode() || node.isNull() ? "" : node.asText().replaceAll("\\p{Cntrl}", " ");
    }
}
