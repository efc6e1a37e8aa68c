package io.usagebridge.routing;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.usagebridge.config.TargetConfig;
import io.usagebridge.config.UsageBridgeSettings;

/**
 * Which targets a file goes to: the inbox sub-folder it was dropped in, a glob on its name, or (for a combined
 * export) a routing column whose value names the target of each row. Read once from {@code routing.*} and
 * {@code target.<id>.*}.
 */
public final class RoutingRules {

    private final Map<String, TargetConfig> targets;
    private final Optional<String> routingColumn;
    private final List<String> defaultTargets;

    public RoutingRules(Map<String, TargetConfig> targets, Optional<String> routingColumn,
                        List<String> defaultTargets) {
        this.targets = targets;
        this.routingColumn = routingColumn;
        this.defaultTargets = defaultTargets;
    }

    public static RoutingRules read(UsageBridgeSettings settings, Map<String, TargetConfig> targets) {
        return new RoutingRules(targets, settings.get("routing.column"), settings.getList("routing.default-targets"));
    }

    public Optional<String> routingColumn() {
        return routingColumn;
    }

    /** Targets chosen by where the file sits and what it is called; empty when no rule matches. */
    public List<String> targetsFor(String relativePath) {
        Path path = Path.of(relativePath);
        String folder = path.getNameCount() > 1 ? path.getName(0).toString() : null;
        Path fileName = path.getFileName();
        List<String> matched = targets.values().stream()
                .filter(t -> t.inboxFolder().map(f -> f.equals(folder)).orElse(false)
                        || t.fileGlob().map(g -> glob(g).matches(fileName)).orElse(false))
                .map(TargetConfig::id)
                .toList();
        return matched.isEmpty() ? defaultTargets : matched;
    }

    /** routing value -> target id, for the routing column. */
    public Map<String, String> targetsByRoutingValue() {
        return targets.values().stream().collect(Collectors.toMap(TargetConfig::routingValue, TargetConfig::id));
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

}
