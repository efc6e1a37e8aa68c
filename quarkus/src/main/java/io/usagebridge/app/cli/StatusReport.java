package io.usagebridge.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code status}: the last 24 hours at a glance, as the console's front page shows them. */
final class StatusReport {

    private StatusReport() {
    }

    static void print(JsonNode counts, JsonNode uncertain, JsonNode files, PrintStream out) {
        out.println("Files received " + counts.path("from").asText() + " .. " + counts.path("to").asText() + ": "
                + pairs(counts.path("files")));
        out.println("Deliveries by target:");
        if (counts.path("targets").isEmpty()) {
            out.println("  none");
        }
        for (Map.Entry<String, JsonNode> target : counts.path("targets").properties()) {
            out.println(String.format("  %-24s %s", target.getKey(), pairs(target.getValue())));
        }
        out.println("Uncertain deliveries awaiting a resolution: " + uncertain.size()
                + (uncertain.isEmpty() ? "" : " (see: uncertain)"));
        out.println("Latest files:");
        out.println(String.format("  %-7s %-10s %-24s %-40s %s", "ID", "STATE", "RECEIVED", "NAME", "TARGETS"));
        for (JsonNode file : files) {
            List<String> targets = new ArrayList<>();
            file.path("targets").forEach(t -> targets.add(t.path("target").asText() + ":" + t.path("state").asText()));
            out.println(String.format("  %-7d %-10s %-24s %-40s %s", file.path("id").asLong(),
                    file.path("state").asText(), file.path("receivedAt").asText(), file.path("name").asText(),
                    String.join(" ", targets)));
        }
    }

    private static String pairs(JsonNode counts) {
        List<String> pairs = new ArrayList<>();
        counts.properties().forEach(e -> pairs.add(e.getKey() + " " + e.getValue().asLong()));
        return pairs.isEmpty() ? "none" : String.join(", ", pairs);
    }
}
