package io.usagebridge.startup;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What a route file ({@code *.camel.yaml}) declares, as far as the start-up checks need it: its templatedRoutes (the
 * targets it makes, with their parameters) and its routes' endpoints (an intake's uri and options).
 */
public record RouteFile(Path file, List<Templated> templatedRoutes, List<Endpoint> endpoints) {

    /** A templatedRoute: the template it makes a route of, with its parameters as written. */
    public record Templated(String template, String routeId, Map<String, String> parameters) {
    }

    /** A route's from: its uri and its parameters as written. */
    public record Endpoint(String routeId, String uri, Map<String, String> parameters) {
    }

    public static RouteFile read(Path file) throws IOException {
        List<Templated> templated = new ArrayList<>();
        List<Endpoint> endpoints = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Load(LoadSettings.builder().build()).loadFromReader(in);
            if (doc instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> entry) {
                        read(entry, templated, endpoints);
                    }
                }
            }
        } catch (RuntimeException notYaml) {
            throw new IOException("not a readable route file: " + notYaml.getMessage(), notYaml);
        }
        return new RouteFile(file, templated, endpoints);
    }

    private static void read(Map<?, ?> entry, List<Templated> templated, List<Endpoint> endpoints) {
        if (entry.get("templatedRoute") instanceof Map<?, ?> t) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (t.get("parameters") instanceof List<?> list) {
                for (Object p : list) {
                    if (p instanceof Map<?, ?> parameter && parameter.get("name") != null) {
                        parameters.put(String.valueOf(parameter.get("name")), String.valueOf(parameter.get("value")));
                    }
                }
            }
            templated.add(new Templated(text(t.get("routeTemplateRef")), text(t.get("routeId")), parameters));
        }
        if (entry.get("route") instanceof Map<?, ?> r && r.get("from") instanceof Map<?, ?> from) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (from.get("parameters") instanceof Map<?, ?> map) {
                map.forEach((k, v) -> parameters.put(String.valueOf(k), String.valueOf(v)));
            }
            endpoints.add(new Endpoint(text(r.get("id")), text(from.get("uri")), parameters));
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
