package io.usagebridge.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;

import io.usagebridge.config.SecretFileFunction;
import io.usagebridge.config.UsageBridgeSettings;
import io.usagebridge.intake.IntakeTemplates;
import io.usagebridge.plugin.TargetCatalog;
import io.usagebridge.plugin.TargetPlugins;
import io.usagebridge.security.TargetTrust;

/**
 * Everything a start depends on, checked before any consumer starts, each problem in one line naming the key or
 * the file: the targets and their types, the routing defaults, every target's route file (a route for a target
 * that is not configured, a parameter or secret that does not resolve), plain http to a target elsewhere, an intake
 * template given a parameter it does not take or missing one it needs, an SFTP route written by hand without strict
 * host keys. A start with problems is refused as a whole.
 */
public final class StartupChecks {

    /** Template parameters that hold the address a target is sent to. */
    private static final List<String> URL_PARAMETERS = List.of("url", "baseUrl", "loginUrl");

    private StartupChecks() {
    }

    /** The problems of this configuration; empty when it can start. */
    public static List<String> run(CamelContext context, TargetPlugins plugins) {
        if (!context.getPropertiesComponent().hasPropertiesFunction(SecretFileFunction.NAME)) {
            context.getPropertiesComponent().addPropertiesFunction(new SecretFileFunction());
        }
        UsageBridgeSettings settings = UsageBridgeSettings.of(context);
        List<String> problems = new ArrayList<>();
        Set<String> targets;
        try {
            TargetCatalog catalog = TargetCatalog.read(settings, plugins.types());
            targets = catalog.targets().keySet();
            catalog.targets().values().forEach(target -> TargetTrust.problem(target).ifPresent(problems::add));
        } catch (RuntimeException refused) {
            problems.add(refused.getMessage());
            return problems;
        }
        LedgerTlsCheck.problem(settings).ifPresent(problems::add);
        problems.addAll(AlertSettingsCheck.problems(settings));
        for (String target : settings.getList("routing.default-targets")) {
            if (!targets.contains(target)) {
                problems.add("routing.default-targets names '" + target + "', which usagebridge.targets " + targets
                        + " does not list: a file no rule routes would fail; list the target or change the default");
            }
        }
        List<RouteFile> files = new ArrayList<>();
        try {
            for (Path file : RouteFileLocations.of(settings)) {
                files.add(RouteFile.read(file));
            }
        } catch (IOException e) {
            problems.add("a route file cannot be read: " + e.getMessage());
            return problems;
        }
        checkRoutes(context, settings, targets, files, problems);
        return problems;
    }

    private static void checkRoutes(CamelContext context, UsageBridgeSettings settings, Set<String> targets,
                                    List<RouteFile> files, List<String> problems) {
        boolean httpAllowed = settings.getBoolean("usagebridge.allow-http-targets", false);
        java.util.Set<String> routed = new java.util.HashSet<>();
        for (RouteFile file : files) {
            for (RouteFile.Templated route : file.templatedRoutes()) {
                if (IntakeTemplates.PARAMETERS.containsKey(route.template())) {
                    checkIntake(file, route, problems);
                    continue;
                }
                String target = resolve(context, route.parameters().get("target"));
                if (target == null) {
                    continue; // not a target's route
                }
                if (!targets.contains(target)) {
                    problems.add(file.file() + ": its templatedRoute makes target '" + target + "', which "
                            + "usagebridge.targets " + targets + " does not list: remove the file, or list the target "
                            + "and set its target." + target + ".* keys");
                    continue;
                }
                routed.add(target);
                for (Map.Entry<String, String> parameter : route.parameters().entrySet()) {
                    String value;
                    try {
                        value = context.resolvePropertyPlaceholders(parameter.getValue());
                    } catch (RuntimeException unresolved) {
                        problems.add(file.file() + ": parameter " + parameter.getKey() + " = " + parameter.getValue()
                                + " of target '" + target + "' cannot be resolved (" + unresolved.getMessage()
                                + "): set the key, or the environment variable it names");
                        continue;
                    }
                    if (URL_PARAMETERS.contains(parameter.getKey()) && !httpAllowed && insecure(value)) {
                        problems.add(file.file() + ": target '" + target + "' is sent to " + value + " over plain "
                                + "http (parameter " + parameter.getKey() + " = " + parameter.getValue() + "): use "
                                + "https (http is allowed only to this machine, or with "
                                + "usagebridge.allow-http-targets = true)");
                    }
                }
            }
            for (RouteFile.Endpoint endpoint : file.endpoints()) {
                if (endpoint.uri() != null && endpoint.uri().startsWith("sftp:")
                        && !"yes".equalsIgnoreCase(endpoint.parameters().get("strictHostKeyChecking"))) {
                    problems.add(file.file() + ": route " + endpoint.routeId() + " reads SFTP without "
                            + "strictHostKeyChecking: \"yes\": an unknown or changed host key would be accepted; set it, "
                            + "with knownHostsFile");
                }
            }
        }
        if (!files.isEmpty()) {
            for (String target : targets) {
                if (!routed.contains(target)) {
                    problems.add("usagebridge.targets lists '" + target + "', but no route file makes it: copy its "
                            + "type's file from routes/available/ into routes/ (or add a templatedRoute with target "
                            + target + ")");
                }
            }
        }
    }

    /** An intake's templatedRoute: a mistyped parameter would silently fall back to its default. */
    private static void checkIntake(RouteFile file, RouteFile.Templated route, List<String> problems) {
        List<String> known = IntakeTemplates.PARAMETERS.get(route.template());
        for (String name : route.parameters().keySet()) {
            if (!known.contains(name)) {
                problems.add(file.file() + ": templatedRoute " + route.routeId() + " (" + route.template() + ") has "
                        + "no parameter '" + name + "'" + ("strictHostKeyChecking".equals(name)
                                ? ": host keys are always checked against knownHostsFile" : "")
                        + "; it takes " + String.join(", ", known));
            }
        }
        for (String name : IntakeTemplates.REQUIRED.get(route.template())) {
            if (!route.parameters().containsKey(name)) {
                problems.add(file.file() + ": templatedRoute " + route.routeId() + " (" + route.template() + ") "
                        + "needs the parameter '" + name + "'");
            }
        }
    }

    private static String resolve(CamelContext context, String value) {
        if (value == null) {
            return null;
        }
        try {
            return context.resolvePropertyPlaceholders(value);
        } catch (RuntimeException e) {
            return value;
        }
    }

    /** Plain http to another machine (the sandbox and tests talk to this one). */
    static boolean insecure(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
        if (!"http".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
            return false;
        }
        try {
            return uri.getHost() == null || !InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (UnknownHostException unknown) {
            return true;
        }
    }
}
