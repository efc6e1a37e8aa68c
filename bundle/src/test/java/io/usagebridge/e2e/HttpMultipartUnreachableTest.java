package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;

/**
 * An http-multipart receiver that refuses every connection: the first attempt and each parked retry fail inside the
 * send route's doTry, which leaves the failure to its caller. The retry timer calls the send route under the
 * pipeline's error handling too, so the retries are counted and backed off and the delivery ends FAILED, not retried
 * every round for ever.
 */
class HttpMultipartUnreachableTest extends UsageBridgeTestSupport {

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("usagebridge.targets", "twocheckout,billing-receiver");
        p.put("target.billing-receiver.type", "http-multipart");
        // the discard port: nothing listens there
        p.put("target.billing-receiver.url", "http://localhost:9/upload");
        p.put("target.billing-receiver.inbox-folder", "billing-receiver");
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-http-multipart.camel.yaml");
    }

    @Test
    void unreachableReceiverIsRetriedThenFailedAsUnreachable() throws Exception {
        drop("billing-receiver/usage.csv", "account,amount\nACME,12\n");
        Path sidecar = data.resolve("failed/billing-receiver/usage.csv.error.json");
        await().atMost(20, SECONDS).until(() -> Files.exists(sidecar));

        assertEquals("TARGET_UNREACHABLE", new ObjectMapper().readTree(sidecar.toFile()).get("code").asText());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("billing-receiver").get(0);
        assertEquals(DeliveryState.FAILED, delivery.state());
        assertEquals(4, delivery.attempts(), "the first attempt and deliver.retry.max-redeliveries (3) retries");
    }
}
