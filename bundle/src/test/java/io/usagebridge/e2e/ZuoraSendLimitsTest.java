package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.pacing.SendGates;
import io.usagebridge.sandbox.zuora.ZuoraRestRequest;

/**
 * Zuora's replies say how many requests the tenant takes at once (Concurrency-Limit-Limit) and when its rate limit
 * is spent (ratelimit-remaining 0, ratelimit-reset): UsageBridge keeps to the first and holds its sends for the
 * second, parking them in the ledger rather than sending into a 429.
 */
class ZuoraSendLimitsTest extends ZuoraRestTestSupport {

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("commands.dir", data.resolve("commands").toString());
        p.put("intake.workers", "4");
        p.put("deliver.max-concurrent-sends", "4");
        p.put("deliver.max-hold-wait-ms", "500");
        p.put("deliver.retry.max-redeliveries", "30");
        return p;
    }

    @Test
    void theTenantsReportedConcurrencyIsKeptOnceAReplyHasSaidIt() throws Exception {
        zuora.setConcurrencyLimit(2);
        drop("zuora-usage/first.csv", usage(0));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/first.csv")));
        assertEquals(2, sendGates().of("zuora-usage").limit(), "learnt from Concurrency-Limit-Limit");

        zuora.delayNext(2, Duration.ofSeconds(30));
        for (int i = 1; i <= 4; i++) {
            drop("zuora-usage/usage-" + i + ".csv", usage(i));
        }
        assertTrue(zuora.awaitDelayed(2, Duration.ofSeconds(20)));
        // four workers took a file each: two uploads are in progress, two wait at the gate, claimed
        await().atMost(20, SECONDS).until(() -> count(DeliveryState.CLAIMED) == 2);
        assertEquals(2, zuora.mostApiCallsAtOnce(), "never more than the tenant's two at once");
        assertTrue(zuora.requests().stream().noneMatch(r -> r.status() == 429), "nothing sent into a 429");

        zuora.releaseDelayed();
        for (int i = 1; i <= 4; i++) {
            int n = i;
            await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/usage-" + n + ".csv")));
        }
        assertEquals(5, zuora.jobCount(), "one job per file");
        assertTrue(ledger().deliveries().deliveriesTo("zuora-usage").stream()
                .allMatch(d -> d.state() == DeliveryState.ACCEPTED));
    }

    @Test
    void aSpentRateLimitHoldsTheNextSendsInTheLedgerUntilItsResetAndNothingIsSentMeanwhile() throws Exception {
        zuora.rateLimitNext(1, Duration.ofSeconds(3));
        drop("zuora-usage/first.csv", usage(0));
        await().atMost(20, SECONDS).until(() -> posts("/v1/usage").size() == 1);
        Instant limited = posts("/v1/usage").get(0).receivedAt();
        assertEquals(429, posts("/v1/usage").get(0).status());

        drop("zuora-usage/second.csv", usage(1));
        await().atMost(20, SECONDS).until(() -> ledger().sources().sourcesNamed("zuora-usage/second.csv").stream()
                .flatMap(s -> ledger().deliveries().deliveriesOf(s.id()).stream())
                .anyMatch(d -> d.state() == DeliveryState.PARKED));
        DeliveryRow held = ledger().deliveries().deliveriesOf(
                ledger().sources().sourcesNamed("zuora-usage/second.csv").get(0).id()).get(0);
        assertEquals("TARGET_RATE_LIMITED", held.errorCode());
        assertEquals(0, ledger().attempts().attemptsOf(held.id()).size(), "held before any attempt");
        assertEquals(1, posts("/v1/usage").size(), "nothing sent while the limit is spent");

        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora-usage/first.csv"))
                && Files.exists(data.resolve("done/zuora-usage/second.csv")));
        List<ZuoraRestRequest> uploads = posts("/v1/usage");
        assertEquals(List.of(429, 200, 200), uploads.stream().map(ZuoraRestRequest::status).toList());
        for (ZuoraRestRequest upload : uploads.subList(1, 3)) {
            long waited = Duration.between(limited, upload.receivedAt()).toMillis();
            assertTrue(waited >= 2900, "sent " + waited + " ms after the 429; ratelimit-reset said 3 s");
        }
        assertEquals(2, zuora.jobCount());
    }

    private static String usage(int i) {
        return "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
                + "A0000000" + i + ",Each,10,11/01/2026,11/01/2026,,,api calls\n";
    }

    private SendGates sendGates() {
        return context.getRegistry().lookupByNameAndType("sendGates", SendGates.class);
    }

    private long count(DeliveryState state) {
        return ledger().deliveries().deliveriesTo("zuora-usage").stream().filter(d -> d.state() == state).count();
    }
}
