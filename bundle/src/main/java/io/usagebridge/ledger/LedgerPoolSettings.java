package io.usagebridge.ledger;

import java.time.Duration;

import io.usagebridge.config.UsageBridgeSettings;

/**
 * How the ledger holds its connections ({@code ledger.pool.*}). PostgreSQL: a HikariCP pool of at most
 * {@code maxSize}, {@code minIdle} kept open, a transition waiting {@code connectionTimeout} for a connection before
 * it fails as ledger-unavailable, an idle connection checked within {@code validationTimeout} before use, and the
 * driver's {@code connectTimeout} and {@code socketTimeout} unless the URL sets them. H2 (in-process, nothing to time
 * out on the network) takes {@code maxSize} and {@code connectionTimeout} for its own pool.
 */
public record LedgerPoolSettings(int maxSize, int minIdle, Duration connectionTimeout, Duration validationTimeout,
        Duration connectTimeout, Duration socketTimeout) {

    /** HikariCP's floor: below it Hikari quietly puts its own default (30 s) in place. */
    private static final Duration FLOOR = Duration.ofMillis(250);

    /** What config/application.properties documents. */
    public static final LedgerPoolSettings DEFAULTS = new LedgerPoolSettings(10, 2, Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60));

    public LedgerPoolSettings {
        if (maxSize < 1) {
            throw new IllegalArgumentException("ledger.pool.max-size must be at least 1, not " + maxSize);
        }
        if (minIdle < 0 || minIdle > maxSize) {
            throw new IllegalArgumentException("ledger.pool.min-idle must be between 0 and ledger.pool.max-size ("
                    + maxSize + "), not " + minIdle);
        }
        if (connectionTimeout.compareTo(FLOOR) < 0) {
            throw new IllegalArgumentException("ledger.pool.connection-timeout-ms must be at least 250, not "
                    + connectionTimeout.toMillis());
        }
        if (validationTimeout.compareTo(FLOOR) < 0 || validationTimeout.compareTo(connectionTimeout) >= 0) {
            throw new IllegalArgumentException("ledger.pool.validation-timeout-ms must be at least 250 and below "
                    + "ledger.pool.connection-timeout-ms (" + connectionTimeout.toMillis() + "), not "
                    + validationTimeout.toMillis());
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || socketTimeout.isNegative()
                || socketTimeout.isZero()) {
            throw new IllegalArgumentException("ledger.pool.connect-timeout-ms and socket-timeout-ms must be "
                    + "positive (a URL's connectTimeout / socketTimeout=0 turns one off)");
        }
    }

    public static LedgerPoolSettings read(UsageBridgeSettings settings) {
        return new LedgerPoolSettings(
                settings.getInt("ledger.pool.max-size", DEFAULTS.maxSize()),
                settings.getInt("ledger.pool.min-idle", DEFAULTS.minIdle()),
                millis(settings, "ledger.pool.connection-timeout-ms", DEFAULTS.connectionTimeout()),
                millis(settings, "ledger.pool.validation-timeout-ms", DEFAULTS.validationTimeout()),
                millis(settings, "ledger.pool.connect-timeout-ms", DEFAULTS.connectTimeout()),
                millis(settings, "ledger.pool.socket-timeout-ms", DEFAULTS.socketTimeout()));
    }

    /** In whole seconds, rounded up: PostgreSQL's driver and H2's pool count seconds. */
    static int seconds(Duration duration) {
        return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private static Duration millis(UsageBridgeSettings settings, String key, Duration defaultValue) {
        return Duration.ofMillis(settings.getLong(key, defaultValue.toMillis()));
    }
}
