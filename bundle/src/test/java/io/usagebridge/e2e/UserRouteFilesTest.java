package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;

/**
 * The routes folder is the user's: a second inbox and a new target instance, added as two YAML files and a few
 * settings, work with no Java change (the files are in src/test/resources/user-routes and the README's example).
 */
class UserRouteFilesTest extends UsageBridgeTestSupport {

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("usagebridge.targets", "twocheckout,twocheckout-partner");
        p.put("target.twocheckout-partner.type", "twocheckout-usage");
        p.put("target.twocheckout-partner.url", twoCheckout.url());
        p.put("target.twocheckout-partner.merchant", "SECONDMERCHANT");
        p.put("target.twocheckout-partner.secret-key", "second-secret");
        p.put("target.twocheckout-partner.file-glob", "partner-*.csv");
        p.put("intake.partner.dir", data.resolve("partner-inbox").toString());
        p.put("intake.partner.done-dir", data.resolve("partner-done").toString());
        p.put("intake.partner.failed-dir", data.resolve("partner-failed").toString());
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return List.of(Path.of("src/test/resources/user-routes"));
    }

    @Test
    void addedInboxAndTargetRouteFilesDeliverWithoutJavaChanges() throws Exception {
        Path partnerInbox = data.resolve("partner-inbox");
        Files.createDirectories(partnerInbox);
        Path staging = data.resolve("partner-2026-11.csv");
        Files.writeString(staging, usageCsv("2026-11-01,2026-11-01,metered-api,partner,SUB-P1"));
        Files.move(staging, partnerInbox.resolve("partner-2026-11.csv"));

        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("partner-done/partner-2026-11.csv")));
        assertEquals(List.of("SECONDMERCHANT"),
                twoCheckout.accepted().stream().map(u -> u.fields().get("merchant")).toList());
        assertEquals("intake-partner", context.getRoute("intake-partner").getRouteId());
    }
}
