package io.usagebridge.app.cli;

import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/** The CLI's login at the app's API (HTTP Basic): from the command line, configuration, the environment, or asked. */
record ApiCredentials(String user, char[] password) {

    static ApiCredentials find(Optional<String> userOption, Function<String, Optional<String>> config) {
        String user = userOption.or(() -> config.apply("usagebridge.cli.user"))
                .or(() -> Optional.ofNullable(System.getenv("UB_USER"))).filter(u -> !u.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("give the console user: --user NAME, "
                        + "usagebridge.cli.user or UB_USER"));
        Optional<String> password = config.apply("usagebridge.cli.password")
                .or(() -> Optional.ofNullable(System.getenv("UB_PASSWORD"))).filter(p -> !p.isEmpty());
        if (password.isPresent()) {
            return new ApiCredentials(user, password.get().toCharArray());
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no password for " + user + ": set usagebridge.cli.password (by "
                    + "reference) or UB_PASSWORD, or run the command in a terminal");
        }
        return new ApiCredentials(user, console.readPassword("password for %s: ", user));
    }

    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + new String(password))
                .getBytes(StandardCharsets.UTF_8));
    }
}
