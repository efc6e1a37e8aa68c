package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.SourceState;
import io.usagebridge.sandbox.ReceivedUpload;

/** A combined export names each row's target in a routing column: each target gets only its rows. */
class CombinedExportSplitTest extends UsageBridgeTestSupport {

    @Override
    protected Properties testProperties() {
        return withExtraTargets(super.testProperties());
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return List.of(EXTRA_ROUTES);
    }

    @Test
    void combinedCsvWithRoutingColumnIsSplitPerTarget() throws Exception {
        String combined = "target,UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n"
                + "twocheckout,2026-11-01,2026-11-01,metered-api,\"eu, web\",SUB-1\n"
                + "second,2026-11-01,2026-11-01,metered-api,,SUB-2\n"
                + "twocheckout,2026-11-02,2026-11-02,storage-gb,,SUB-3\n";
        NotifyBuilder done = whenFilesDone(1);
        drop("combined.csv", combined);
        assertTrue(done.matches(30, SECONDS));

        Map<String, ReceivedUpload> byMerchant = twoCheckout.accepted().stream()
                .collect(Collectors.toMap(u -> u.fields().get("merchant"), u -> u));
        assertEquals(2, byMerchant.size());
        String header = "UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n";
        assertEquals(header + "2026-11-01 02:00:00,2026-11-01 02:00:00,metered-api,\"eu, web\",SUB-1\n"
                + "2026-11-02 02:00:00,2026-11-02 02:00:00,storage-gb,,SUB-3\n",
                Files.readString(byMerchant.get(MERCHANT).file()));
        assertEquals(header + "2026-11-01 02:00:00,2026-11-01 02:00:00,metered-api,,SUB-2\n",
                Files.readString(byMerchant.get("SECONDMERCHANT").file()));

        long sourceId = ledger().sources().sourcesNamed("combined.csv").get(0).id();
        assertEquals(SourceState.DONE, ledger().sources().source(sourceId).orElseThrow().state());
        assertEquals(Map.of("twocheckout", DeliveryState.ACCEPTED, "twocheckout-second", DeliveryState.ACCEPTED),
                ledger().deliveries().deliveriesOf(sourceId).stream().collect(Collectors.toMap(d -> d.target(), d -> d.state())));
        org.awaitility.Awaitility.await().atMost(10, SECONDS)
                .until(() -> Files.readString(data.resolve("done/combined.csv")).equals(combined));
    }

    @Test
    void inboxSubFolderPicksTheTarget() throws Exception {
        NotifyBuilder done = whenFilesDone(1);
        drop("twocheckout-second/usage.csv", usageCsv("2026-11-01,2026-11-01,metered-api,,SUB-2"));
        assertTrue(done.matches(30, SECONDS));
        assertEquals(List.of("SECONDMERCHANT"),
                twoCheckout.accepted().stream().map(u -> u.fields().get("merchant")).toList());
        org.awaitility.Awaitility.await().atMost(10, SECONDS)
                .until(() -> Files.exists(data.resolve("done/twocheckout-second/usage.csv")));
    }
}
