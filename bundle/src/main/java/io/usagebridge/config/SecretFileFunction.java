package io.usagebridge.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.spi.PropertiesFunction;

/**
 * {@code {{secretfile:/run/secrets/name}}}: a secret read from a file (a mounted Kubernetes or Docker secret),
 * trailing newline dropped. Registered with Camel's properties component, so it resolves the same way on every
 * runtime, like {@code {{env:NAME}}}. The value is never logged.
 */
public final class SecretFileFunction implements PropertiesFunction {

    public static final String NAME = "secretfile";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String apply(String remainder) {
        Path file = Path.of(remainder.trim());
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // the path is configuration, not a secret: it may be named
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }
}
