package io.usagebridge.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The jar's command line: which arguments make a command, how they are read, and what is refused before any call. */
class CommandLineTest {

    @Test
    void onlyAKnownFirstArgumentIsACommandElseTheAppStarts() {
        assertTrue(CommandLine.isCommand(new String[] {"status"}));
        assertTrue(CommandLine.isCommand(new String[] {"resolve", "12", "--delivered"}));
        assertFalse(CommandLine.isCommand(new String[0]));
        assertFalse(CommandLine.isCommand(new String[] {"--status"}));
        assertFalse(CommandLine.isCommand(new String[] {"Status"}));
        assertFalse(CommandLine.isCommand(new String[] {"-Dquarkus.profile=prod"}));
    }

    @Test
    void argumentsFlagsAndValuedOptionsAreReadInAnyOrder() {
        CommandLine line = CommandLine.parse(new String[] {"resolve", "--note", "seen in the --resend log", "12",
                "--delivered", "--user", "olga"});
        assertEquals("resolve", line.command());
        assertEquals(List.of("12"), line.arguments());
        assertEquals(Map.of("note", "seen in the --resend log", "delivered", "true", "user", "olga"), line.options());
        assertEquals(Optional.empty(), line.option("resend"));
        assertEquals(Optional.of("olga"), line.option("user"));
    }

    @Test
    void aValuedOptionWithoutItsValueIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"resolve", "12", "--delivered", "--note"}));
        assertEquals("--note needs a value", refused.getMessage());
    }

    @Test
    void eachCommandTakesItsOwnArguments() {
        assertTrue(valid("status"));
        assertTrue(valid("status", "--limit", "5"));
        assertFalse(valid("status", "extra"));
        assertTrue(valid("uncertain"));
        assertTrue(valid("show", "usage.csv"));
        assertFalse(valid("show"));
        assertFalse(valid("show", "a.csv", "b.csv"));
        assertTrue(valid("replay", "12"));
        assertTrue(valid("stop", "2c92a0fd-bulk"));
        assertFalse(valid("stop"));
        assertTrue(valid("resolve", "12", "--delivered"));
        assertTrue(valid("resolve", "12", "--resend", "--note", "twice on purpose"));
        assertFalse(valid("resolve", "12"), "neither");
        assertFalse(valid("resolve", "12", "--delivered", "--resend"), "both");
        assertFalse(valid("resolve", "--delivered"), "no delivery");
    }

    @Test
    void anInvalidLineGetsTheUsageWithoutAskingTheAppAndHelpIsNoError() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(out, err, "resolve", "12", "--delivered", "--resend"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: "), err.toString());
        assertEquals("", out.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertEquals(0, run(help, new ByteArrayOutputStream(), "help"));
        assertTrue(help.toString(StandardCharsets.UTF_8).contains("resolve <delivery> --delivered | --resend"));
    }

    private static boolean valid(String... args) {
        return UsageBridgeCommands.valid(CommandLine.parse(args));
    }

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) throws Exception {
        return new UsageBridgeCommands().run(CommandLine.parse(args), new PrintStream(out, true),
                new PrintStream(err, true));
    }
}
