package io.usagebridge.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.usagebridge.app.cli.CommandLine;
import io.usagebridge.app.cli.UsageBridgeCommands;

/**
 * One jar, two uses: with no argument it runs UsageBridge; with a command ({@code resolve}, {@code uncertain},
 * {@code help}) it runs that command and exits, without starting Camel (no intake, no timers) or taking the app's
 * HTTP port.
 */
@QuarkusMain
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
            Quarkus.run(UsageBridgeCommands.class, args);
            return;
        }
        Quarkus.run(args);
    }
}
