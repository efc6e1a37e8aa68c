package io.usagebridge.sandbox.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * config/application.properties as the app reads it with {@code -Dquarkus.profile=sandbox}: a {@code %sandbox.}
 * line wins over the plain key beside it. The sandbox run reads its targets, their accounts and its folders from
 * here, so the one configuration file stays the only place they are written.
 */
public final class SandboxProfile {

    private static final String PROFILE_PREFIX = "%sandbox.";

    private final Properties properties;
    private final Path file;

    private SandboxProfile(Properties properties, Path file) {
        this.properties = properties;
        this.file = file;
    }

    public static SandboxProfile read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new SandboxProfile(properties, file);
    }

    public Optional<String> get(String key) {
        String value = properties.getProperty(PROFILE_PREFIX + key, properties.getProperty(key));
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * A value the sandbox needs literally. A plain key that reads a real account ({@code {{env:...}}}) has no
     * {@code %sandbox.} line beside it: refused, so a sandbox simulator never gets a real secret.
     */
    public String require(String key) {
        String value = get(key).orElseThrow(() -> new IllegalStateException(
                "the sandbox run needs " + PROFILE_PREFIX + key + " in " + file));
        if (value.contains("{{")) {
            throw new IllegalStateException("the sandbox run needs a literal " + PROFILE_PREFIX + key + " in " + file
                    + " (the plain key reads a real account: " + value + ")");
        }
        return value;
    }

    /** A comma-separated list; empty when unset. */
    public List<String> list(String key) {
        return get(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
