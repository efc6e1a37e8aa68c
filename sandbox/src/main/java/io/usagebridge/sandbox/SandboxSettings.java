package io.usagebridge.sandbox;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link SandboxServers} starts: ports (0 = a free one), the SFTP server's folders and
 * user, and the 2Checkout accounts. Build with {@link #builder()}, whose defaults are the
 * sandbox run's values on free ports.
 */
public record SandboxSettings(int twoCheckoutPort, Map<String, String> twoCheckoutAccounts,
                              boolean sftpEnabled, int sftpPort, Path sftpRoot, Path sftpHostKeyFile,
                              String sftpUser, String sftpPassword) {

    public static final String DEFAULT_MERCHANT = "SANDBOXMERCHANT";
    public static final String DEFAULT_SECRET_KEY = "sandbox-only-key";
    public static final String DEFAULT_SFTP_USER = "usage";
    public static final String DEFAULT_SFTP_PASSWORD = "usage-sandbox";
    public static final Path DEFAULT_SFTP_ROOT = Path.of("data", "sandbox", "sftp");
    public static final Path DEFAULT_SFTP_HOST_KEY = Path.of("data", "sandbox", "sftp-host-key");

    public SandboxSettings {
        twoCheckoutAccounts = Collections.unmodifiableMap(new LinkedHashMap<>(twoCheckoutAccounts));
        if (sftpEnabled) {
            Objects.requireNonNull(sftpRoot, "sftpRoot");
            Objects.requireNonNull(sftpHostKeyFile, "sftpHostKeyFile");
            Objects.requireNonNull(sftpUser, "sftpUser");
            Objects.requireNonNull(sftpPassword, "sftpPassword");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .twoCheckoutPort(twoCheckoutPort).twoCheckoutAccounts(twoCheckoutAccounts)
                .sftpEnabled(sftpEnabled).sftpPort(sftpPort).sftpRoot(sftpRoot).sftpHostKeyFile(sftpHostKeyFile)
                .sftpUser(sftpUser).sftpPassword(sftpPassword);
    }

    public static final class Builder {
        private int twoCheckoutPort;
        private final Map<String, String> twoCheckoutAccounts = new LinkedHashMap<>(
                Map.of(DEFAULT_MERCHANT, DEFAULT_SECRET_KEY));
        private boolean sftpEnabled = true;
        private int sftpPort;
        private Path sftpRoot = DEFAULT_SFTP_ROOT;
        private Path sftpHostKeyFile = DEFAULT_SFTP_HOST_KEY;
        private String sftpUser = DEFAULT_SFTP_USER;
        private String sftpPassword = DEFAULT_SFTP_PASSWORD;

        private Builder() {
        }

        public Builder twoCheckoutPort(int port) {
            this.twoCheckoutPort = port;
            return this;
        }

        /** Adds an account to those already set (the default one included). */
        public Builder twoCheckoutAccount(String merchant, String secretKey) {
            twoCheckoutAccounts.put(merchant, secretKey);
            return this;
        }

        /** Replaces all accounts, the default one included. */
        public Builder twoCheckoutAccounts(Map<String, String> accounts) {
            twoCheckoutAccounts.clear();
            twoCheckoutAccounts.putAll(accounts);
            return this;
        }

        public Builder sftpEnabled(boolean enabled) {
            this.sftpEnabled = enabled;
            return this;
        }

        public Builder sftpPort(int port) {
            this.sftpPort = port;
            return this;
        }

        public Builder sftpRoot(Path root) {
            this.sftpRoot = root;
            return this;
        }

        public Builder sftpHostKeyFile(Path hostKeyFile) {
            this.sftpHostKeyFile = hostKeyFile;
            return this;
        }

        public Builder sftpUser(String user) {
            this.sftpUser = user;
            return this;
        }

        public Builder sftpPassword(String password) {
            this.sftpPassword = password;
            return this;
        }

        public SandboxSettings build() {
            return new SandboxSettings(twoCheckoutPort, twoCheckoutAccounts, sftpEnabled, sftpPort,
                    sftpRoot, sftpHostKeyFile, sftpUser, sftpPassword);
        }
    }
}
