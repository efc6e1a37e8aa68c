package io.usagebridge.startup;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.usagebridge.config.UsageBridgeSettings;

/**
 * The route files a run loads, from its configuration: camel-main's {@code camel.main.routes-include-pattern}
 * ({@code file:} globs, comma-separated) or Karaf's {@code usagebridge.routes-dirs} (folders of *.camel.yaml).
 */
public final class RouteFileLocations {

    private RouteFileLocations() {
    }

    public static List<Path> of(UsageBridgeSettings settings) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String pattern : settings.getList("camel.main.routes-include-pattern")) {
            if (pattern.startsWith("file:")) {
                files.addAll(matching(pattern.substring("file:".length())));
            }
        }
        for (String dir : settings.getList("usagebridge.routes-dirs")) {
            files.addAll(matching(Path.of(dir).resolve("*.camel.yaml").toString()));
        }
        return files.stream().map(Path::normalize).distinct().sorted().toList();
    }

    /** A file path, or a glob in its last element (routes/*.camel.yaml). */
    static List<Path> matching(String glob) throws IOException {
        Path path = Path.of(glob);
        Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
        String name = path.getFileName().toString();
        if (!name.contains("*") && !name.contains("?")) {
            return Files.isRegularFile(path) ? List.of(path) : List.of();
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> matcher.matches(p.getFileName()) && Files.isRegularFile(p)).sorted().toList();
        }
    }
}
