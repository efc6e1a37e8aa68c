package io.usagebridge.app;

import io.quarkus.runtime.Quarkus;
import io.usagebridge.app.cli.CommandLine;
import io.usagebridge.app.cli.UsageBridgeCommands;

/**
 * One jar, two uses: with no argument it runs UsageBridge; with a command ({@code resolve}, {@code uncertain},
 * {@code help}) it runs that command and exits, without starting Camel (no intake, no timers) or taking the app's
 * HTTP port. It is the jar's entry point by {@code quarkus.package.main-class} (pom.xml), not by {@code @QuarkusMain}:
 * with that annotation Camel Quarkus would no longer start Camel by itself, in the app and in its tests.
 */
public final class UsageBridgeMain {

    private UsageBridgeMain() {
    }

    public static void main(String... args) {
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
