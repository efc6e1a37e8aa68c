package io.usagebridge.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/**
 * Where one target's credentials may go. A URL that comes from a target's answer (a SOAP ServerUrl, a status path,
 * a result file's address) is checked here before any byte or credential is sent to it: https only (plain http
 * only to this machine, when allowed), no user info, and its host and port either those of the target's configured
 * URL or listed in {@code target.<id>.allowed-hosts}. Refusals name the host and port, never the URL: a URL can
 * carry a credential in its query.
 *
 * <p>{@code target.<id>.allowed-hosts}: comma list of {@code host}, {@code host:port} or {@code *.domain} (any
 * sub-domain), each optionally with {@code :*} (any port); without a port an entry means the scheme's default port
 * (443). It replaces the plug-in's default. A target whose list has a key of its own (Insights:
 * {@code signed-url-hosts}) names it, and may have no configured URL (then only listed hosts pass).
 * {@code target.<id>.allow-http-localhost}: plain http to {@code localhost}, {@code 127.0.0.1} or {@code ::1};
 * default true only when the configured URL is itself plain http to this machine (the sandbox).
 */
public final class UrlAllowList {

    public static final String HOSTS_KEY = "allowed-hosts";
    public static final String HTTP_LOCALHOST_KEY = "allow-http-localhost";

    private static final int ANY_PORT = -1;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final String target;
    private final String configuredHost;
    private final int configuredPort;
    private final List<String> hosts;
    private final boolean allowHttpOnLocalhost;
    private final String hostsKey;
    private final String httpLocalhostKey;

    public UrlAllowList(String target, String configuredUrl, List<String> hosts, boolean allowHttpOnLocalhost) {
        this(target, configuredUrl, hosts, allowHttpOnLocalhost, "target." + target + "." + HOSTS_KEY,
                "target." + target + "." + HTTP_LOCALHOST_KEY);
    }

    /**
     * @param configuredUrl    the target's own URL, whose host and port always pass; null when only listed hosts do
     * @param hostsKey         the configuration key of {@code hosts}, named in refusals
     * @param httpLocalhostKey the key of {@code allowHttpOnLocalhost}, named in refusals
     */
    public UrlAllowList(String target, String configuredUrl, List<String> hosts, boolean allowHttpOnLocalhost,
                        String hostsKey, String httpLocalhostKey) {
        this.target = target;
        this.hostsKey = hostsKey;
        this.httpLocalhostKey = httpLocalhostKey;
        URI configured;
        try {
            configured = new URI(configuredUrl == null ? "" : configuredUrl.trim());
        } catch (URISyntaxException unusable) {
            configured = URI.create(""); // the start-up checks name the key; here it only allows nothing
        }
        this.configuredHost = normalise(configured.getHost());
        this.configuredPort = port(configured);
        this.hosts = hosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.allowHttpOnLocalhost = allowHttpOnLocalhost;
    }

    /**
     * The allow-list of target {@code target} whose configured URL is {@code configuredUrl}, read from
     * {@code target.<id>.allowed-hosts} (default {@code defaultHosts}) and {@code target.<id>.allow-http-localhost}.
     */
    public static UrlAllowList of(String target, String configuredUrl, UsageBridgeSettings all,
                                  List<String> defaultHosts) {
        UsageBridgeSettings s = all.under("target." + target + ".");
        List<String> hosts = s.getList(HOSTS_KEY);
        boolean configuredIsLocalHttp = isLocalHttp(configuredUrl);
        return new UrlAllowList(target, configuredUrl, hosts.isEmpty() ? defaultHosts : hosts,
                s.getBoolean(HTTP_LOCALHOST_KEY, configuredIsLocalHttp));
    }

    /** True when {@code url} may be sent to (and be given the target's credential). */
    public boolean allows(String url) {
        try {
            check(url, "the URL");
            return true;
        } catch (UsageBridgeFailure refused) {
            return false;
        }
    }

    /**
     * @param what what the URL is, for the message (e.g. "the ServerUrl login() answered")
     * @return the URL, parsed
     * @throws UsageBridgeFailure {@link CoreFailureCode#URL_NOT_ALLOWED}: nothing is sent, never retried
     */
    public URI check(String url, String what) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw refused(what + " is not a valid URL");
        }
        String authority = uri.getRawAuthority();
        if (!uri.isAbsolute() || authority == null || authority.isEmpty()) {
            throw refused(what + " names no host");
        }
        if (authority.contains("@")) {
            throw refused(what + " carries user info before host "
                    + authority.substring(authority.lastIndexOf('@') + 1) + ": refused, it could disguise the host");
        }
        String host = normalise(uri.getHost());
        if (host == null) {
            throw refused(what + " names no valid host (" + authority + ")");
        }
        int port = port(uri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean localHttp = "http".equals(scheme) && allowHttpOnLocalhost && LOOPBACK.contains(host);
        if (!"https".equals(scheme) && !localHttp) {
            throw refused(what + " for host " + host + " is " + scheme + ", not https"
                    + ("http".equals(scheme) && LOOPBACK.contains(host) ? " (plain http to this machine needs "
                    + httpLocalhostKey + " = true)" : ""));
        }
        if (!allowed(host, port, scheme)) {
            throw refused(what + " points at host " + host + ":" + port + ", which is "
                    + (configuredHost == null ? "not" : "neither the configured URL's (" + configuredHost + ":"
                    + configuredPort + ") nor") + " in " + hostsKey + " " + hosts);
        }
        return uri;
    }

    private boolean allowed(String host, int port, String scheme) {
        if (configuredHost != null && host.equals(configuredHost) && port == configuredPort) {
            return true;
        }
        for (String entry : hosts) {
            String entryHost = entry;
            int entryPort = defaultPort(scheme);
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.endsWith(":*")) {
                entryHost = entry.substring(0, colon);
                entryPort = ANY_PORT;
            } else if (colon > 0 && !entry.endsWith("]")
                    && entry.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < entry.length() - 1) {
                entryHost = entry.substring(0, colon);
                entryPort = Integer.parseInt(entry.substring(colon + 1));
            }
            if (entryPort != ANY_PORT && port != entryPort) {
                continue;
            }
            if (entryHost.startsWith("*.")) {
                String suffix = entryHost.substring(1);
                if (host.endsWith(suffix) && host.length() > suffix.length()) {
                    return true;
                }
            } else if (normalise(entryHost).equals(host)) {
                return true;
            }
        }
        return false;
    }

    private UsageBridgeFailure refused(String message) {
        return new UsageBridgeFailure(CoreFailureCode.URL_NOT_ALLOWED, "target " + target + ": " + message
                + ": nothing was sent there, no credential either");
    }

    /** Plain http to this machine: the sandbox. */
    static boolean isLocalHttp(String url) {
        try {
            URI uri = new URI(url == null ? "" : url.trim());
            String host = normalise(uri.getHost());
            return "http".equalsIgnoreCase(uri.getScheme()) && host != null && LOOPBACK.contains(host);
        } catch (URISyntaxException notAUrl) {
            return false;
        }
    }

    private static String normalise(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme() == null ? "" : uri.getScheme()
                .toLowerCase(Locale.ROOT));
    }

    private static int defaultPort(String scheme) {
        return "http".equals(scheme) ? 80 : 443;
    }
}
