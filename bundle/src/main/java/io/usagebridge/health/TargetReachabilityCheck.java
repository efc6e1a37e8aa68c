package io.usagebridge.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.plugin.TargetCatalog;

/**
 * Readiness: every configured target's host accepts a TCP connection (no request is sent, nothing is billed). A
 * target down makes the app not ready; files still queue safely in the inbox.
 */
public final class TargetReachabilityCheck {

    private final TargetCatalog catalog;
    private final int timeoutMillis;

    public TargetReachabilityCheck(TargetCatalog catalog, int timeoutMillis) {
        this.catalog = catalog;
        this.timeoutMillis = timeoutMillis;
    }

    public HealthStatus check() {
        Map<String, String> details = new LinkedHashMap<>();
        boolean up = true;
        for (TargetConfig target : catalog.targets().values()) {
            String url = target.settings().get("url").or(() -> target.settings().get("base-url"))
                    .or(() -> target.settings().get("login-url")).orElse(null);
            if (url == null) {
                continue;
            }
            boolean reachable = reachable(URI.create(url));
            up &= reachable;
            details.put(target.id(), reachable ? "reachable" : "unreachable: " + URI.create(url).getHost());
        }
        return new HealthStatus("targets", up, details);
    }

    private boolean reachable(URI uri) {
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), timeoutMillis);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
