package io.usagebridge.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The sandbox's 2Checkout account, Zuora SOAP user and Insights token, read from the {@code %sandbox.} lines of config/application.properties, so the
 * simulator, the app and the reference loop use the account the sandbox run uses, never a copy of it here.
 */
public record SandboxProfile(String merchant, String secretKey, String zuoraUser, String zuoraPassword,
        String insightsToken) {

    public static SandboxProfile read(Path config) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return new SandboxProfile(require(properties, "%sandbox.target.twocheckout.merchant", config),
                require(properties, "%sandbox.target.twocheckout.secret-key", config),
                require(properties, "%sandbox.target.zuora.username", config),
                require(properties, "%sandbox.target.zuora.password", config),
                require(properties, "%sandbox.target.insights.api-token", config));
    }

    private static String require(Properties properties, String key, Path config) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(config + " has no " + key);
        }
        return value.trim();
    }
}
