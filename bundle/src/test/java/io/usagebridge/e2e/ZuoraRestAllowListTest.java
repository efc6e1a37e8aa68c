package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;

/**
 * Hostile answers from Zuora REST: an outputURL or a checkImportStatus off the target's allow-list (another host,
 * plain http) gets no request and no bearer token. The other host is a second simulator, which must see nothing.
 */
class ZuoraRestAllowListTest extends UsageBridgeTestSupport {

    private static final String CLIENT_ID = "usagebridge-test";
    private static final String CLIENT_SECRET = "zuora-allow-list-secret";
    private static final String USAGE = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
            + "A00000001,Each,10,11/01/2026,11/01/2026,,,api calls\n";
    private static final String REVENUE = "ChargeNumber,RevenueScheduleNumber,Amount\nC-00000001,RS-1,100\n";

    private static ZuoraRestSimulator zuora;
    private static ZuoraRestSimulator otherHost;

    @BeforeAll
    static void startZuora() throws IOException {
        zuora = new ZuoraRestSimulator();
        zuora.addClient(CLIENT_ID, CLIENT_SECRET);
        zuora.start(0);
        otherHost = new ZuoraRestSimulator();
        otherHost.addClient(CLIENT_ID, CLIENT_SECRET);
        otherHost.start(0);
    }

    @AfterAll
    static void stopZuora() {
        zuora.stop();
        otherHost.stop();
    }

    @BeforeEach
    void resetZuora() {
        zuora.reset();
        otherHost.reset();
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        ZuoraRestTestSupport.withZuoraRestTargets(p, zuora.baseUrl(), CLIENT_ID, CLIENT_SECRET);
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-zuora-usage.camel.yaml", "target-zuora-revenue-schedules.camel.yaml");
    }

    /** The same machine under another name and port: another host as far as the allow-list goes. */
    private static String otherHostBase() {
        return "http://127.0.0.1:" + otherHost.port();
    }

    @Test
    void outputUrlOnAnotherHostIsRefusedAndThatHostGetsNoToken() throws Exception {
        zuora.answerOutputUrlsOn(otherHostBase());
        JsonNode error = failedWith("zuora-revenue", "schedules.csv", REVENUE);
        assertTrue(error.get("message").asText().contains("127.0.0.1:" + otherHost.port()), error.toString());
        assertTrue(error.get("message").asText().contains("the outputURL Zuora answered"), error.toString());
        assertTrue(error.get("message").asText().contains("Completed"), "the job's status is named: " + error);
        assertEquals(0, otherHost.requestCount(), "nothing went to the other host");
        assertNoDownload();
    }

    @Test
    void outputUrlOnPlainHttpAtZuoraIsRefused() throws Exception {
        zuora.answerOutputUrlsOn("http://rest.zuora.com");
        JsonNode error = failedWith("zuora-revenue", "cleartext.csv", REVENUE);
        assertTrue(error.get("message").asText().contains("rest.zuora.com is http, not https"), error.toString());
        assertNoDownload();
    }

    @Test
    void importStatusOnAnotherHostIsRefusedAndThatHostGetsNoToken() throws Exception {
        zuora.answerImportStatusOn(otherHostBase());
        JsonNode error = failedWith("zuora-usage", "usage.csv", USAGE);
        assertTrue(error.get("message").asText().contains("the checkImportStatus Zuora answered"), error.toString());
        assertTrue(error.get("message").asText().contains("127.0.0.1:" + otherHost.port()), error.toString());
        assertEquals(0, otherHost.requestCount(), "no status request and no token went to the other host");
    }

    @Test
    void importStatusPathLeadingOffTheHostIsRefused() throws Exception {
        // base URL + "@127.0.0.1:port/..." would make the configured host mere user info
        zuora.answerImportStatusOn("@127.0.0.1:" + otherHost.port());
        JsonNode error = failedWith("zuora-usage", "sneaky.csv", USAGE);
        assertTrue(error.get("message").asText().contains("user info"), error.toString());
        assertEquals(0, otherHost.requestCount());
    }

    private static void assertNoDownload() {
        assertTrue(zuora.requests().stream().noneMatch(r -> r.path().startsWith("/v1/files/")),
                "the output was not fetched");
    }

    /** Drops the file, waits for failed/ and its sidecar, and checks what every refusal shares. */
    private JsonNode failedWith(String target, String name, String content) throws Exception {
        drop(target + "/" + name, content);
        Path sidecar = data.resolve("failed/" + target + "/" + name + ".error.json");
        Path failed = data.resolve("failed/" + target + "/" + name);
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar) && Files.exists(failed));
        JsonNode error = new ObjectMapper().readTree(sidecar.toFile());
        assertEquals("URL_NOT_ALLOWED", error.get("code").asText(), error.toString());
        assertFalse(error.get("retryable").asBoolean());
        assertEquals(content, Files.readString(failed));
        assertFalse(Files.readString(sidecar).contains(CLIENT_SECRET));
        assertFalse(Files.readString(sidecar).contains("Bearer"));
        DeliveryRow delivery = ledger().deliveries().deliveriesTo(target).get(0);
        assertEquals(DeliveryState.FAILED, delivery.state());
        assertEquals("URL_NOT_ALLOWED", delivery.errorCode());
        assertEquals(1, zuora.jobCount(), "the upload itself went to Zuora");
        return error;
    }
}
