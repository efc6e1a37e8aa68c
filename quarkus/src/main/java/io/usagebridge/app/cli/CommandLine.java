package io.usagebridge.app.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commands of the jar (see {@link #usage()}). Anything else (no argument) runs the app itself.
 */
public record CommandLine(String command, List<String> arguments, Map<String, String> options) {

    static final List<String> COMMANDS = List.of("status", "show", "replay", "resolve", "stop", "uncertain",
            "reconcile", "hash-password", "help");
    private static final Set<String> VALUED = Set.of("by", "note", "user", "limit", "day", "inbox", "preview");

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
                boolean valued = VALUED.contains(name);
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
                usage: java -jar quarkus-run.jar <command>
                  status                               files and deliveries of the last 24 h, uncertain ones, latest files
                  show <file id | name | hash>         one file's journey: deliveries, attempts, errors, actions
                  replay <delivery>                    send its failed file again (what was not accepted)
                  resolve <delivery> --delivered | --resend [--note TEXT]
                                                       --delivered: the target has it, closed without a send
                                                       --resend: send it again on purpose (a recorded second send)
                  stop <bulkKey>                       stop a running Zuora mass action
                  uncertain                            the deliveries waiting for a resolution
                  reconcile [--day YYYY-MM-DD] [--csv] per target: files, rows sent, accepted, rejected, failed,
                                                       pending, deliveries uncertain (files received that day, UTC)
                  hash-password                        a password hash for usagebridge.console.users.<name>
                  dry-run [--inbox DIR] --preview DIR  validate, split, chunk and sign the inbox's files (default
                                                       intake.folder.dir) as a real run would, write each request to
                                                       DIR with summary.json; send, claim and move nothing
                Asks the running app (usagebridge.api-url, default http://127.0.0.1:8080) as --user NAME (else
                usagebridge.cli.user or UB_USER) with the password of usagebridge.cli.password or UB_PASSWORD, or
                asks for it. With no app running, uncertain and resolve write the ledger directly.""";
    }
}
