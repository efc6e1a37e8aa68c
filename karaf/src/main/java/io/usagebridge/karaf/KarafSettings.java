package io.usagebridge.karaf;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What Karaf's configuration for UsageBridge (PID {@value #PID}, the file etc/io.usagebridge.cfg) says: where the
 * route files are, whether they reload, which base configuration the rest of its keys override, where the health
 * and metrics endpoints listen.
 *
 * @param overrides      every key of the configuration, handed to Camel's properties component above the base
 * @param baseProperties the location of the base configuration (the project's config/application.properties)
 * @param routeFolders   the folders whose {@code *.camel.yaml} files are the user's routes
 * @param routesReload   whether a changed or added route file replaces its routes while running
 * @param http           where the health and metrics endpoints listen
 */
record KarafSettings(Properties overrides, String baseProperties, List<Path> routeFolders, boolean routesReload,
                     HttpEndpointSettings http) {

    static final String PID = "io.usagebridge";

    /** The copy of config/application.properties the bundle carries. */
    static final String DEFAULT_BASE = "classpath:usagebridge/application.properties";

    static KarafSettings from(Map<String, ?> config, Path karafEtc) {
        Properties overrides = new Properties();
        config.forEach((key, value) -> {
            if (value != null && !configAdminKey(key)) {
                overrides.setProperty(key, value.toString());
            }
        });
        String base = overrides.getProperty("usagebridge.base-properties", DEFAULT_BASE).trim();
        String folders = overrides.getProperty("usagebridge.routes-dirs", "").trim();
        List<Path> routeFolders = folders.isEmpty()
                ? List.of(karafEtc.resolve("usagebridge").resolve("routes"))
                : Arrays.stream(folders.split(",")).map(String::trim).filter(f -> !f.isEmpty()).map(Path::of).toList();
        boolean reload = Boolean.parseBoolean(overrides.getProperty("usagebridge.routes-reload", "true").trim());
        return new KarafSettings(overrides, base, routeFolders, reload, HttpEndpointSettings.from(overrides));
    }

    /** Keys Config Admin, File Install and DS add to every configuration: not the user's. */
    private static boolean configAdminKey(String key) {
        return key.startsWith("service.") || key.startsWith("component.") || key.startsWith("felix.fileinstall.");
    }
}
