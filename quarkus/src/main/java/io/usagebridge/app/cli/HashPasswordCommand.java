package io.usagebridge.app.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.usagebridge.app.security.PasswordHash;

/**
 * {@code hash-password}: asks for a password twice (or reads one line from a pipe) and prints its hash for
 * {@code usagebridge.console.users.<name>.password-hash}. The password itself is never printed or kept.
 */
final class HashPasswordCommand {

    private static final int MIN_LENGTH = 12;

    private HashPasswordCommand() {
    }

    static int run(PrintStream out, PrintStream err) throws IOException {
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (password == null || !Arrays.equals(password, again)) {
                err.println("the two passwords differ");
                return 1;
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length < MIN_LENGTH) {
            err.println("a console password has " + MIN_LENGTH + " characters or more");
            return 1;
        }
        out.println(PasswordHash.hash(password, PasswordHash.DEFAULT_ITERATIONS));
        Arrays.fill(password, '\0');
        return 0;
    }
}
