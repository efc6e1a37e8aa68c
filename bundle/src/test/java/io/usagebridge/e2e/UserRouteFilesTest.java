package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.usagebridge.ReadmeExamples;
import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.SourceRow;
import io.usagebridge.ledger.SourceState;

/**
 * The routes folder is the user's: README's worked example (a second inbox, one templatedRoute of folder-source, and
 * a second 2Checkout merchant), its two yaml blocks read from README.md itself, runs beside the shipped routes with
 * the settings its step 3 names and no Java change.
 */
class UserRouteFilesTest extends UsageBridgeTestSupport {

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        // README step 3
        p.put("usagebridge.targets", "twocheckout,twocheckout-partner");
        p.put("target.twocheckout-partner.type", "twocheckout-usage");
        p.put("target.twocheckout-partner.merchant", "SECONDMERCHANT");
        p.put("target.twocheckout-partner.secret-key", "second-secret");
        p.put("target.twocheckout-partner.file-glob", "partner-*.csv");
        p.put("intake.partner.dir", partnerInbox().toString());
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return List.of(ReadmeExamples.writeInto(data.resolve("user-routes"), "intake-partner",
                "target-twocheckout-partner"));
    }

    private Path partnerInbox() {
        return data.resolve("partner-inbox");
    }

    @Test
    void readmesSecondInboxAndTargetDeliverAndKeepTheCopyAsADuplicate() throws Exception {
        String csv = usageCsv("2026-11-01,2026-11-01,metered-api,partner,SUB-P1");
        dropInto(partnerInbox(), "partner-2026-11.csv", csv);

        Path done = partnerInbox().resolve(".done/partner-2026-11.csv");
        await().atMost(30, SECONDS).until(() -> Files.exists(done));
        assertEquals(csv, Files.readString(done), "the original is kept byte for byte");
        assertEquals(List.of("SECONDMERCHANT"),
                twoCheckout.accepted().stream().map(u -> u.fields().get("merchant")).toList());
        SourceRow source = ledger().sources().sourcesNamed("partner-2026-11.csv").get(0);
        assertEquals(SourceState.DONE, source.state());
        assertEquals("intake-partner", source.intakeRoute());
        assertEquals(DeliveryState.ACCEPTED, ledger().deliveries().deliveriesOf(source.id()).get(0).state());
        assertEquals("twocheckout-partner", ledger().deliveries().deliveriesOf(source.id()).get(0).target());

        dropInto(partnerInbox(), "partner-2026-11-resent.csv", csv);

        Path duplicate = partnerInbox().resolve(".duplicate/partner-2026-11-resent.csv");
        await().atMost(30, SECONDS).until(() -> Files.exists(duplicate));
        SourceRow copy = ledger().sources().sourcesNamed("partner-2026-11-resent.csv").get(0);
        assertEquals(SourceState.DUPLICATE, copy.state());
        assertEquals(source.id(), copy.duplicateOf());
        assertEquals(1, twoCheckout.requestCount(), "nothing sent again");
        // the outcome folders inside the inbox are never taken again
        assertEquals(1, ledger().sources().sourcesNamed("partner-2026-11.csv").size());
        assertFalse(Files.exists(data.resolve("done/partner-2026-11.csv")), "not the main inbox's done/");
    }

    /** Writes elsewhere first, then moves the file in whole, as a producer should. */
    private Path dropInto(Path folder, String name, String content) throws Exception {
        Path staging = data.resolve("staging-" + name);
        Files.writeString(staging, content);
        Files.createDirectories(folder);
        return Files.move(staging, folder.resolve(name));
    }
}
