package io.usagebridge.app.cli;

import java.io.PrintStream;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code show}: one file's journey, delivery by delivery, with what may be done next. */
final class JourneyReport {

    private JourneyReport() {
    }

    static void print(JsonNode journey, PrintStream out) {
        JsonNode file = journey.path("file");
        out.println("File " + file.path("id").asLong() + "  " + file.path("name").asText() + "  "
                + file.path("state").asText());
        out.println("  received " + file.path("receivedAt").asText() + (file.path("finishedAt").isNull() ? ""
                : ", finished " + file.path("finishedAt").asText()) + "; " + file.path("bytes").asLong()
                + " bytes, " + file.path("lines").asLong() + " lines (header included)");
        out.println("  sha256 " + file.path("sha256").asText() + "  md5 " + file.path("md5").asText());
        out.println("  kept at " + journey.path("keptAt").asText("-"));
        if (!file.path("errorCode").isNull()) {
            out.println("  error " + file.path("errorCode").asText() + ": " + file.path("errorMessage").asText());
        }
        if (journey.path("canReplay").asBoolean()) {
            out.println("  replay with: replay <delivery> (any delivery below), or in the console");
        }
        out.println("Deliveries:");
        for (JsonNode d : journey.path("deliveries")) {
            out.println(String.format("  #%-6d %-22s chunk %d/%d  %-10s md5 %s, %s bytes, %s rows",
                    d.path("id").asLong(), d.path("target").asText(), d.path("chunkNo").asInt(),
                    d.path("chunkCount").asInt(), d.path("state").asText(), d.path("chunkMd5").asText("-"),
                    d.path("chunkBytes").asText("-"), d.path("chunkRows").asText("-")));
            if (!d.path("remoteId").isNull()) {
                out.println("          remote id " + d.path("remoteId").asText() + ", status "
                        + d.path("remoteStatus").asText("-") + counts(d));
            }
            if (!d.path("errorCode").isNull()) {
                out.println("          error " + d.path("errorCode").asText() + ": " + d.path("errorMessage").asText());
            }
            for (JsonNode a : d.path("attemptLog")) {
                out.println("          attempt " + a.path("attemptNo").asInt() + " " + a.path("startedAt").asText()
                        + " " + a.path("outcome").asText("-") + (a.path("httpStatus").isNull() ? ""
                        : " HTTP " + a.path("httpStatus").asInt()) + (a.path("errorCode").isNull() ? ""
                        : " " + a.path("errorCode").asText()));
            }
            if (!d.path("resolution").isNull()) {
                out.println("          resolved " + d.path("resolution").asText() + " by " + d.path("resolvedBy")
                        .asText() + " at " + d.path("resolvedAt").asText());
            }
            if (d.path("canResolve").asBoolean()) {
                out.println("          resolve with: resolve " + d.path("id").asLong() + " --delivered | --resend");
            }
            if (d.path("canStop").asBoolean()) {
                out.println("          stop with: stop " + d.path("remoteId").asText());
            }
        }
        if (!journey.path("actions").isEmpty()) {
            out.println("Actions:");
            for (JsonNode a : journey.path("actions")) {
                out.println("  " + a.path("at").asText() + "  " + a.path("action").asText() + " by "
                        + a.path("actor").asText() + (a.path("detail").isNull() ? "" : ": " + a.path("detail")
                        .asText()));
            }
        }
    }

    private static String counts(JsonNode d) {
        return d.path("remoteTotal").isNull() ? "" : " (" + d.path("remoteImported").asLong() + " of "
                + d.path("remoteTotal").asLong() + " imported, " + d.path("remoteFailed").asLong() + " failed)";
    }
}
