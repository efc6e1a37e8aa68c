package io.usagebridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.SimulatorServer;

/**
 * Every HTTP target type over https to a simulator with a self-signed certificate, with no trust store configured:
 * the JDK's default trust store refuses the certificate, so each file ends in failed/ unchanged with
 * {@code TLS_NOT_TRUSTED} naming the server, its delivery FAILED after one attempt, and the simulator got no request.
 */
class UntrustedTlsTargetsTest extends TlsTargetsTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    boolean trusted() {
        return false;
    }

    @Test
    void twoCheckoutRefusesTheUntrustedCertificateAndSendsNothing() throws Exception {
        String csv = usageCsv("2026-11-01 08:00:00,2026-11-01 09:00:00,OPT,api,SUB-1");
        drop("tls-2co.csv", csv);
        assertRefused("tls-2co.csv", csv, "twocheckout", twoCheckoutHttps);
    }

    @Test
    void zuoraRestUsageRefusesTheUntrustedCertificateAndSendsNothing() throws Exception {
        drop("zuora-usage/tls-usage.csv", ZUORA_USAGE);
        assertRefused("zuora-usage/tls-usage.csv", ZUORA_USAGE, "zuora-usage", zuoraRest);
    }

    @Test
    void zuoraMassActionRefusesTheUntrustedCertificateAndSendsNothing() throws Exception {
        drop("zuora-revenue/tls-revenue.csv", REVENUE);
        assertRefused("zuora-revenue/tls-revenue.csv", REVENUE, "zuora-revenue", zuoraRest);
    }

    @Test
    void zuoraSoapRefusesTheUntrustedCertificateAndSendsNothing() throws Exception {
        drop("zuora/tls-import.csv", ZUORA_USAGE);
        assertRefused("zuora/tls-import.csv", ZUORA_USAGE, "zuora", zuoraSoap);
    }

    @Test
    void insightsRefusesTheUntrustedCertificateAndSendsNothing() throws Exception {
        dropInsightsBatch("2026-11-01");
        Path sidecar = data.resolve("failed/insights/billing/2026-11-01.error.json");
        awaitFile("failed/insights/billing/2026-11-01.error.json");
        awaitFile("failed/insights/billing/2026-11-01/subscription.ndjson");
        assertEquals(ACCOUNT, Files.readString(data.resolve("failed/insights/billing/2026-11-01/account.csv")));
        assertEquals(SUBSCRIPTION, Files.readString(
                data.resolve("failed/insights/billing/2026-11-01/subscription.ndjson")));
        assertSidecarNamesTheServer(sidecar, insights);
        for (DeliveryRow delivery : ledger().deliveries().deliveriesTo("insights")) {
            assertEquals(DeliveryState.FAILED, delivery.state());
            assertEquals("TLS_NOT_TRUSTED", delivery.errorCode());
        }
        assertEquals(0, insights.requestCount());
        assertTrue(insights.storedFiles().isEmpty());
    }

    @Test
    void httpMultipartRefusesTheUntrustedCertificateAndSendsNothing() throws Exception {
        String csv = "account,amount\nACME,12\n";
        drop("billing-receiver/tls-export.csv", csv);
        assertRefused("billing-receiver/tls-export.csv", csv, "billing-receiver", receiver);
    }

    private void assertRefused(String file, String content, String target, SimulatorServer<?> simulator)
            throws Exception {
        Path sidecar = data.resolve("failed").resolve(file + ".error.json");
        awaitFile("failed/" + file + ".error.json");
        // the sidecar and the original are written one after the other
        awaitFile("failed/" + file);
        assertEquals(content, Files.readString(data.resolve("failed").resolve(file)), "the original, unchanged");
        assertFalse(Files.exists(data.resolve("done").resolve(file)));
        assertSidecarNamesTheServer(sidecar, simulator);
        DeliveryRow delivery = ledger().deliveries().deliveriesTo(target).get(0);
        assertEquals(DeliveryState.FAILED, delivery.state(), "a configuration error: not parked for a retry");
        assertEquals("TLS_NOT_TRUSTED", delivery.errorCode());
        assertEquals(1, delivery.attempts(), "refused once, not retried");
        assertEquals(0, simulator.requestCount(), "no request reached the simulator");
    }

    private static void assertSidecarNamesTheServer(Path sidecar, SimulatorServer<?> simulator) throws Exception {
        JsonNode error = JSON.readTree(sidecar.toFile());
        assertEquals("TLS_NOT_TRUSTED", error.get("code").asText(), error.toString());
        String message = error.get("message").asText();
        assertTrue(message.contains("localhost:" + simulator.port()), message);
        assertFalse(message.contains("\tat ") || message.contains("Exception:"), "no stack trace: " + message);
    }
}
