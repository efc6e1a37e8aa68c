package io.usagebridge.app;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.usagebridge.app.cli.CommandLine;
import io.usagebridge.app.cli.UsageBridgeCommands;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;

/**
 * An uncertain send as an operator meets it in the app: listed by the API and the CLI, resolved by the CLI (through
 * the running app's API) as delivered, after which the original moves from failed/ to done/ with nothing sent.
 */
@QuarkusTest
@QuarkusTestResource(UsageBridgeTestResource.class)
class UncertainResolutionAppTest {

    private static final String HEADER = "UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n";

    TwoCheckoutReceiverSimulator twoCheckout;

    @ConfigProperty(name = "intake.folder.dir")
    Path inbox;

    @ConfigProperty(name = "intake.folder.done-dir")
    Path done;

    @ConfigProperty(name = "intake.folder.failed-dir")
    Path failed;

    @Test
    void uncertainSendIsListedAndResolvedByTheCliAsDeliveredWithNothingSent() throws Exception {
        twoCheckout.dropNext(1);
        int before = twoCheckout.requestCount();
        Path staging = Files.createDirectories(inbox.resolveSibling("staging")).resolve("usage-lost-reply.csv");
        Files.writeString(staging, HEADER + "2026-11-04,2026-11-04,metered-api,,LOSTREPLY1\n", StandardCharsets.UTF_8);
        Files.createDirectories(inbox);
        Files.move(staging, inbox.resolve("usage-lost-reply.csv"));
        await().atMost(30, SECONDS).until(() -> Files.exists(failed.resolve("usage-lost-reply.csv.error.json")));

        // the app serves other test classes too: their uncertain deliveries may be listed as well
        JsonNode uncertain = uncertainOf("usage-lost-reply.csv");
        assertNotNull(uncertain, "listed as uncertain");
        assertEquals("DELIVERY_UNCERTAIN", uncertain.get("code").asText());
        long delivery = uncertain.get("delivery").asLong();

        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        assertEquals(0, command(listed, "uncertain"));
        assertTrue(listed.toString().contains("usage-lost-reply.csv"), listed.toString());

        ByteArrayOutputStream resolved = new ByteArrayOutputStream();
        assertEquals(0, command(resolved, "resolve", String.valueOf(delivery), "--delivered", "--by", "ops-test",
                "--note", "seen in the receiver's log"));
        assertTrue(resolved.toString().contains("DELIVERED"), resolved.toString());
        // the API records who is logged in (the CLI's user), not what --by says
        assertTrue(resolved.toString().contains("by " + UsageBridgeTestResource.OPERATOR), resolved.toString());

        await().atMost(10, SECONDS).until(() -> Files.exists(done.resolve("usage-lost-reply.csv")));
        assertFalse(Files.exists(failed.resolve("usage-lost-reply.csv")));
        assertFalse(Files.exists(failed.resolve("usage-lost-reply.csv.error.json")));
        assertEquals(before + 1, twoCheckout.requestCount(), "the lost one only: nothing was resent");
        assertNull(uncertainOf("usage-lost-reply.csv"), "resolved: no longer listed");
        assertEquals(2, command(new ByteArrayOutputStream(), "resolve", String.valueOf(delivery)),
                "neither --delivered nor --resend: refused with the usage");
    }

    private int command(ByteArrayOutputStream out, String... args) throws Exception {
        return new UsageBridgeCommands().run(CommandLine.parse(args), new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream(), true));
    }

    /** The uncertain delivery of {@code file}, as the viewer reads the list, or null. */
    private static JsonNode uncertainOf(String file) {
        for (JsonNode d : ApiUser.viewer().json("/api/deliveries/uncertain")) {
            if (file.equals(d.path("file").asText())) {
                return d;
            }
        }
        return null;
    }
}
