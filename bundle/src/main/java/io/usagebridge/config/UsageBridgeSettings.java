package io.usagebridge.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.CamelContext;

/**
 * Typed reads of the one configuration (config/application.properties on Quarkus, etc/ on Karaf, overrides in
 * tests), through Camel's properties component so every runtime resolves {@code {{env:NAME}}} the same way.
 */
public final class UsageBridgeSettings {

    private final Function<String, Optional<String>> lookup;

    public UsageBridgeSettings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public static UsageBridgeSettings of(CamelContext context) {
        return new UsageBridgeSettings(key -> context.getPropertiesComponent().resolveProperty(key)
                .map(String::trim).filter(v -> !v.isEmpty()));
    }

    public Optional<String> get(String key) {
        return lookup.apply(key);
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException("missing setting " + key));
    }

    public long getLong(String key, long defaultValue) {
        return get(key).map(Long::parseLong).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return get(key).map(Integer::parseInt).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    /** A comma-separated list; empty when unset. */
    public List<String> getList(String key) {
        return get(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** The settings below {@code prefix}, e.g. {@code target.twocheckout.}. */
    public UsageBridgeSettings under(String prefix) {
        return new UsageBridgeSettings(key -> lookup.apply(prefix + key));
    }
}
