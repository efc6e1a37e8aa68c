package io.usagebridge.app.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.usagebridge.app.ApiUser;
import io.usagebridge.app.UsageBridgeTestResource;
import io.usagebridge.app.UsageFiles;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;

/**
 * The jar's commands against the running app, logged in as the test resource's operator (usagebridge.cli.user):
 * what an operator reads from status and show, a replay through the CLI, and refusals that say why.
 */
@QuarkusTest
@QuarkusTestResource(UsageBridgeTestResource.class)
class ConsoleCliTest {

    TwoCheckoutReceiverSimulator twoCheckout;

    @ConfigProperty(name = "intake.folder.dir")
    Path inbox;

    @ConfigProperty(name = "intake.folder.done-dir")
    Path done;

    @ConfigProperty(name = "intake.folder.failed-dir")
    Path failed;

    @Test
    void statusPrintsTheCountsAndTheLatestFiles() throws Exception {
        String name = UsageFiles.uniqueName("cli-status");
        UsageFiles.drop(inbox, name, UsageFiles.valid(name));
        JsonNode file = awaitFile(name, "DONE");

        String status = succeeds("status");
        assertTrue(status.contains("Files received "), status);
        assertTrue(status.matches("(?s).*Files received [^\\n]*DONE \\d+.*"), status);
        assertTrue(status.contains("twocheckout"), status);
        assertTrue(status.contains("Uncertain deliveries awaiting a resolution: "), status);
        String line = status.lines().filter(l -> l.contains(name)).findFirst().orElseThrow(() ->
                new AssertionError("the new file is among the latest: " + status));
        assertTrue(line.contains(file.path("id").asText()) && line.contains("DONE")
                && line.contains("twocheckout:ACCEPTED"), line);
    }

    @Test
    void showPrintsAJourneyFoundByIdNameOrHash() throws Exception {
        String name = UsageFiles.uniqueName("cli-show");
        UsageFiles.drop(inbox, name, UsageFiles.valid(name));
        JsonNode file = awaitFile(name, "DONE");
        long id = file.path("id").asLong();
        JsonNode delivery = ApiUser.operator().json("/api/files/" + id).path("deliveries").get(0);

        String byId = succeeds("show", String.valueOf(id));
        assertTrue(byId.startsWith("File " + id + "  " + name + "  DONE"), byId);
        assertTrue(byId.contains("sha256 " + file.path("sha256").asText()), byId);
        assertTrue(byId.contains("#" + delivery.path("id").asLong()) && byId.contains("ACCEPTED")
                && byId.contains("md5 " + delivery.path("chunkMd5").asText()), byId);
        assertTrue(byId.contains("attempt 1 ") && byId.contains("HTTP 200"), byId);
        assertEquals(byId, succeeds("show", name), "by name");
        assertEquals(byId, succeeds("show", file.path("sha256").asText().substring(0, 12)), "by hash");

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> command("show", "cli-no-such-file.csv"));
        assertEquals("no file has the name cli-no-such-file.csv", none.getMessage());
    }

    @Test
    void replayOfADeliverySendsItsFailedFileAgain() throws Exception {
        String name = UsageFiles.uniqueName("cli-replay");
        twoCheckout.failNext(1, 400);
        UsageFiles.drop(inbox, name, UsageFiles.valid(name));
        long id = awaitFile(name, "FAILED").path("id").asLong();
        await().atMost(10, SECONDS).until(() -> Files.exists(failed.resolve(name)));
        long delivery = ApiUser.operator().json("/api/files/" + id).path("deliveries").get(0).path("id").asLong();
        assertTrue(succeeds("show", String.valueOf(id)).contains("replay with: replay <delivery>"));

        String replayed = succeeds("replay", String.valueOf(delivery));
        assertTrue(replayed.contains(name + " is back in its inbox"), replayed);
        await().atMost(30, SECONDS).until(() -> Files.exists(done.resolve(name)));
        assertEquals(1, twoCheckout.accepted().stream().filter(u -> name.equals(u.fileName())).count());
        String shown = succeeds("show", String.valueOf(id));
        assertTrue(shown.contains("replay by " + UsageBridgeTestResource.OPERATOR), "the CLI's user: " + shown);

        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> command("replay", String.valueOf(delivery)));
        assertTrue(again.getMessage().startsWith("the app answered 409"), again.getMessage());
    }

    @Test
    void refusalsSayWhyAndExitWithOne() throws Exception {
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> command("stop", "no-such-bulk-key"));
        assertEquals("the app answered 404: NOT_FOUND: no delivery has the bulkKey no-such-bulk-key",
                unknown.getMessage());
        String[] printed = new String[1];
        assertEquals(1, onSystemErr(printed, () -> new UsageBridgeCommands().run("stop", "no-such-bulk-key")));
        assertEquals("usagebridge stop: " + unknown.getMessage(), printed[0].strip());

        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> command("replay", "twelve"));
        assertEquals("a delivery is given by its number, not twelve", notANumber.getMessage());
        // --user names another login; the configured password is the operator's, so the app refuses it
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> command("status", "--user", UsageBridgeTestResource.VIEWER));
        assertEquals("the app refused the login of " + UsageBridgeTestResource.VIEWER, refused.getMessage());

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, new UsageBridgeCommands().run(CommandLine.parse(new String[] {"stop"}),
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: "), err.toString());
    }

    /** Waits until the newest file of this name is in {@code state}. */
    private static JsonNode awaitFile(String name, String state) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(30, SECONDS).until(() -> {
            JsonNode files = ApiUser.viewer().json("/api/files?name=" + name);
            found[0] = files.isEmpty() ? null : files.get(0);
            return found[0] != null && state.equals(found[0].path("state").asText());
        });
        return found[0];
    }

    private static String succeeds(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, new UsageBridgeCommands().run(CommandLine.parse(args), new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream(), true)), String.join(" ", args));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int command(String... args) throws Exception {
        return new UsageBridgeCommands().run(CommandLine.parse(args), new PrintStream(new ByteArrayOutputStream(),
                true), new PrintStream(new ByteArrayOutputStream(), true));
    }

    /** Runs {@code command} with System.err caught (the outer run prints its one line there). */
    private static int onSystemErr(String[] printed, Callable<Integer> command) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream caught = new ByteArrayOutputStream();
        System.setErr(new PrintStream(caught, true, StandardCharsets.UTF_8));
        try {
            return command.call();
        } finally {
            System.setErr(original);
            printed[0] = caught.toString(StandardCharsets.UTF_8);
        }
    }
}
