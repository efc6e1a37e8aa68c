package io.usagebridge.karaf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.usagebridge.health.HealthStatus;

/**
 * A health report in the JSON shape of MicroProfile Health, which the Quarkus app serves: {@code {"status":"UP",
 * "checks":[{"name":...,"status":...,"data":{...}}]}}; {@code data} only when a check has details. The same
 * parsers, dashboards and probes then read both runtimes.
 */
final class MicroProfileHealthJson {

    private static final JsonFactory JSON = new JsonFactory();

    private MicroProfileHealthJson() {
    }

    static byte[] write(HealthReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("status", status(report.up()));
            json.writeArrayFieldStart("checks");
            for (HealthStatus check : report.checks()) {
                json.writeStartObject();
                json.writeStringField("name", check.name());
                json.writeStringField("status", status(check.up()));
                if (!check.details().isEmpty()) {
                    json.writeObjectFieldStart("data");
                    for (Map.Entry<String, String> detail : check.details().entrySet()) {
                        json.writeStringField(detail.getKey(), detail.getValue());
                    }
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return out.toByteArray();
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
