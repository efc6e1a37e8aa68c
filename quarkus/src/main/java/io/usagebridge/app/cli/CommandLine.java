package io.usagebridge.app.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands of the jar: {@code resolve <delivery> --delivered|--resend [--by NAME] [--note TEXT]} and
 * {@code uncertain}. Anything else (no argument) runs the app itself.
 */
public record CommandLine(String command, List<String> arguments, Map<String, String> options) {

    static final List<String> COMMANDS = List.of("resolve", "uncertain", "help");

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static CommandLine parse(String[] args) {
        List<String> arguments = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                boolean valued = name.equals("by") || name.equals("note");
                if (valued && i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                options.put(name, valued ? args[++i] : "true");
            } else {
                arguments.add(arg);
            }
        }
        return new CommandLine(args[0], List.copyOf(arguments), Map.copyOf(options));
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    static String usage() {
        return """
                usage: java -jar quarkus-run.jar resolve <delivery> --delivered | --resend [--by NAME] [--note TEXT]
                       java -jar quarkus-run.jar uncertain
                  --delivered  the target has it: closed without a send, the original goes to done/
                  --resend     send it again on purpose (a recorded second send)
                Talks to the running app (usagebridge.api-url, default http://127.0.0.1:8080); with no app
                running, writes the ledger directly.""";
    }
}
