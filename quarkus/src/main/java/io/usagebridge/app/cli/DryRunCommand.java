package io.usagebridge.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.usagebridge.preview.DryRunSettings;

/**
 * {@code dry-run [--inbox DIR] --preview DIR}: the app itself starts, with its configuration and routes, but under
 * {@link DryRunSettings}: a throwaway ledger, intakes and command folders off. {@link io.usagebridge.app.DryRunOnStart}
 * then runs the inbox through it and exits. The settings go in as system properties, which win over
 * application.properties and its profile lines.
 */
public final class DryRunCommand {

    public static final String NAME = "dry-run";

    private DryRunCommand() {
    }

    public static boolean isDryRun(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** The system properties of a dry run with these arguments. */
    public static Map<String, String> settings(String[] args) {
        CommandLine line = CommandLine.parse(args);
        if (!line.arguments().isEmpty()) {
            throw new IllegalArgumentException("dry-run takes no argument but --inbox DIR and --preview DIR");
        }
        Path preview = Path.of(line.option("preview").orElseThrow(() -> new IllegalArgumentException(
                "dry-run needs --preview DIR: the folder its requests and summary.json are written to")));
        Map<String, String> settings = new LinkedHashMap<>(DryRunSettings.overrides(preview));
        line.option("inbox").ifPresent(inbox -> settings.put(DryRunSettings.INBOX_KEY,
                Path.of(inbox).toAbsolutePath().toString()));
        // its own free port: a running app keeps its own; the lines it prints are not buried in the start's log
        settings.put("quarkus.http.port", "0");
        settings.put("quarkus.banner.enabled", "false");
        settings.put("quarkus.log.console.level", System.getProperty("quarkus.log.console.level", "WARN"));
        return settings;
    }
}
