package io.usagebridge.app;

import io.quarkus.runtime.Quarkus;
import io.usagebridge.app.cli.CommandLine;
import io.usagebridge.app.cli.DryRunCommand;
import io.usagebridge.app.cli.UsageBridgeCommands;

/**
 * One jar, three uses: with no argument it runs UsageBridge; {@code dry-run} runs it on an inbox without sending
 * (see {@link DryRunCommand}); with a command ({@code resolve}, {@code uncertain},
 * {@code help}) it runs that command and exits, without starting Camel (no intake, no timers) or taking the app's
 * HTTP port. It is the jar's entry point by {@code quarkus.package.main-class} (pom.xml), not by {@code @QuarkusMain}:
 * with that annotation Camel Quarkus would no longer start Camel by itself, in the app and in its tests.
 */
public final class UsageBridgeMain {

    private UsageBridgeMain() {
    }

    public static void main(String... args) {
        if (DryRunCommand.isDryRun(args)) {
            // the app itself, with Camel, under the dry run's settings (DryRunOnStart runs it and exits)
            try {
                DryRunCommand.settings(args).forEach(System::setProperty);
            } catch (IllegalArgumentException refused) {
                System.err.println("usagebridge dry-run: " + refused.getMessage());
                System.exit(2);
            }
            // no arguments: Camel's own main would take them for its options
            Quarkus.run();
            return;
        }
        if (CommandLine.isCommand(args)) {
            System.setProperty("quarkus.camel.bootstrap.enabled", "false");
            // the command asks the app on its port; its own server takes a free one
            System.setProperty("usagebridge.cli.app-port", System.getProperty("quarkus.http.port", "8080"));
            System.setProperty("quarkus.http.port", "0");
            System.setProperty("quarkus.log.console.level", System.getProperty("quarkus.log.console.level", "WARN"));
            System.setProperty("quarkus.banner.enabled", "false");
            Quarkus.run(UsageBridgeCommands.class, args);
            return;
        }
        Quarkus.run(args);
    }
}
