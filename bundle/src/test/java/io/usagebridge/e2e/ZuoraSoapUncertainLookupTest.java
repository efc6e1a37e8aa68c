package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.Resolutions;

/**
 * An uncertain create() is resolved by asking Zuora, with no operator: the lookup timer finds the Import the lost
 * reply was about and follows it, or proves it was never made and sends the file again. Either way Zuora ends with
 * exactly one Import of the file.
 */
class ZuoraSoapUncertainLookupTest extends ZuoraSoapTestSupport {

    private static final String USAGE = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
            + "A00000001,Each,10,11/01/2026,11/01/2026,,,api calls\n";

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        // look up at once (in production a lookup waits 10 minutes for a slow create() to land)
        p.put("resolve.lookup.settle-ms", "0");
        p.put("resolve.lookup.start-delay-ms", "100");
        p.put("resolve.lookup.interval-ms", "200");
        return p;
    }

    @Test
    void importMadeBeforeItsReplyWasLostIsFoundAndFollowedToDoneWithoutASecondCreate() throws Exception {
        zuora.dropNextCreatesAfterCreating(1);
        drop("zuora/usage.csv", USAGE);

        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/usage.csv")));
        assertEquals(1, zuora.calls("create").size(), "found at Zuora, never resent");
        assertEquals(1, zuora.imports().size());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora").get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals(Resolutions.Resolution.FOUND_AT_TARGET.name(), delivery.resolution());
        assertEquals(zuora.imports().get(0).id(), delivery.remoteId());
        assertFalse(Files.exists(data.resolve("failed/zuora/usage.csv")));
    }

    @Test
    void createLostBeforeTheImportWasMadeIsProvenAbsentAndSentOnceMore() throws Exception {
        zuora.dropNextCreatesBeforeCreating(1);
        drop("zuora/usage.csv", USAGE);

        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/usage.csv")));
        assertEquals(2, zuora.calls("create").size(), "the lost create() and the one resend");
        assertEquals(1, zuora.imports().size(), "one Import: the lost create() made none");
        assertTrue(zuora.imports().get(0).accepted());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora").get(0);
        assertEquals(DeliveryState.ACCEPTED, delivery.state());
        assertEquals(Resolutions.Resolution.NOT_AT_TARGET.name(), delivery.resolution());
    }
}
