package io.usagebridge.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.plugin.TargetCatalog;

/**
 * Readiness: every configured target's host accepts a TCP connection (no request is sent, nothing is billed). A
 * target down makes the app not ready; files still queue safely in the inbox. The URL checked is the one the
 * target's templatedRoute sends to (a second 2Checkout merchant usually reuses {@code {{target.twocheckout.url}}}
 * there and sets no {@code target.<id>.url}), else its {@code target.<id>.*} URL key.
 */
public final class TargetReachabilityCheck {

    /** The template parameters and, in the same order, the target keys that name a target's endpoint. */
    private static final List<String> URL_PARAMETERS = List.of("url", "baseUrl", "loginUrl");
    private static final List<String> URL_KEYS = List.of("url", "base-url", "login-url");

    private final CamelContext context;
    private final TargetCatalog catalog;
    private final int timeoutMillis;

    public TargetReachabilityCheck(CamelContext context, TargetCatalog catalog, int timeoutMillis) {
        this.context = context;
        this.catalog = catalog;
        this.timeoutMillis = timeoutMillis;
    }

    public HealthStatus check() {
        Map<String, String> routeUrls = templatedRouteUrls();
        Map<String, String> details = new LinkedHashMap<>();
        boolean up = true;
        for (TargetConfig target : catalog.targets().values()) {
            String url = Optional.ofNullable(routeUrls.get(target.id())).or(() -> keyUrl(target)).orElse(null);
            if (url == null) {
                details.put(target.id(), "not checked: no URL in its templatedRoute or target." + target.id() + ".*");
                continue;
            }
            boolean reachable = reachable(URI.create(url));
            up &= reachable;
            details.put(target.id(), reachable ? "reachable" : "unreachable: " + URI.create(url).getHost());
        }
        return new HealthStatus("targets", up, details);
    }

    /** Target id to the URL its templatedRoute was made with, placeholders resolved. */
    private Map<String, String> templatedRouteUrls() {
        Map<String, String> urls = new HashMap<>();
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null) {
            return urls; // a runtime that drops the route model after start: the target keys still tell
        }
        for (RouteDefinition route : model.getRouteDefinitions()) {
            Map<String, Object> parameters = route.getTemplateParameters();
            if (parameters == null || parameters.get("target") == null) {
                continue;
            }
            for (String name : URL_PARAMETERS) {
                Object value = parameters.get(name);
                String resolved = value == null ? "" : context.resolvePropertyPlaceholders(value.toString()).trim();
                if (!resolved.isEmpty()) {
                    urls.put(context.resolvePropertyPlaceholders(parameters.get("target").toString()), resolved);
                    break;
                }
            }
        }
        return urls;
    }

    private static Optional<String> keyUrl(TargetConfig target) {
        return URL_KEYS.stream().map(key -> target.settings().get(key)).flatMap(Optional::stream)
                .filter(url -> !url.isBlank()).findFirst();
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
