package io.usagebridge.startup;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.usagebridge.config.UsageBridgeSettings;

/**
 * A PostgreSQL ledger on another machine holds every delivery's fate: its connection must check the server's
 * certificate and name ({@code sslmode=verify-full}), or an attacker on the path reads and rewrites the ledger. A
 * ledger on this machine (localhost, the sandbox, embedded test databases) needs no TLS; anything else without
 * verification is refused unless {@code ledger.allow-unverified-tls = true} says the risk is taken knowingly.
 */
final class LedgerTlsCheck {

    static final String ALLOW_KEY = "ledger.allow-unverified-tls";
    private static final String PREFIX = "jdbc:postgresql://";
    private static final List<String> LOCAL = List.of("localhost", "127.0.0.1", "[::1]", "::1");

    private LedgerTlsCheck() {
    }

    /** The refusal for this configuration's ledger URL, if it needs one; it names hosts, never the URL's secrets. */
    static Optional<String> problem(UsageBridgeSettings settings) {
        String url = settings.get("ledger.url", "");
        if (!url.startsWith(PREFIX) || settings.getBoolean(ALLOW_KEY, false)) {
            return Optional.empty();
        }
        String rest = url.substring(PREFIX.length());
        int pathAt = rest.indexOf('/');
        String hostList = pathAt < 0 ? rest : rest.substring(0, pathAt);
        List<String> hosts = Arrays.stream(hostList.split(",")).map(LedgerTlsCheck::hostOf).toList();
        if (hosts.stream().allMatch(LOCAL::contains)) {
            return Optional.empty();
        }
        String sslmode = parameter(rest, "sslmode");
        if ("verify-full".equals(sslmode)) {
            return Optional.empty();
        }
        return Optional.of("ledger.url: the PostgreSQL ledger on " + String.join(",", hosts) + " is reached "
                + (sslmode == null ? "with no sslmode" : "with sslmode=" + sslmode) + ", which does not verify the "
                + "server: add sslmode=verify-full (and sslrootcert=<CA file> if the JVM does not trust its CA), or "
                + "set " + ALLOW_KEY + " = true to take that risk");
    }

    private static String hostOf(String hostAndPort) {
        String host = hostAndPort.startsWith("[") ? hostAndPort.substring(0, hostAndPort.indexOf(']') + 1)
                : hostAndPort.split(":")[0];
        return host.toLowerCase(Locale.ROOT);
    }

    private static String parameter(String urlRest, String name) {
        int query = urlRest.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : urlRest.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(name)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }
}
