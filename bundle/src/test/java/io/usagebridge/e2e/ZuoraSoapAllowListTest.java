package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapSimulator;

/**
 * Hostile answers from Zuora SOAP: a ServerUrl or a ResultResourceUrl off the target's allow-list gets neither the
 * session nor a usage file. The other host is a second simulator, which must see no request at all.
 */
class ZuoraSoapAllowListTest extends ZuoraSoapTestSupport {

    private static final String USAGE = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
            + "A00000001,Each,10,11/01/2026,11/01/2026,,,api calls\n";

    private static ZuoraSoapSimulator otherHost;

    @BeforeAll
    static void startOtherHost() throws IOException {
        otherHost = new ZuoraSoapSimulator();
        otherHost.addUser(USER, PASSWORD);
        otherHost.start(0);
    }

    @AfterAll
    static void stopOtherHost() {
        otherHost.stop();
    }

    @BeforeEach
    void resetOtherHost() {
        otherHost.reset();
    }

    /** The same machine under another name and port: another host as far as the allow-list goes. */
    private static String otherHostBase() {
        return "http://127.0.0.1:" + otherHost.port();
    }

    @Test
    void serverUrlOnAnotherHostIsRefusedAndThatHostReceivesNothing() throws Exception {
        zuora.answerServerUrl(otherHostBase() + ZuoraSoapSimulator.PATH);
        JsonNode error = failedWith("zuora/elsewhere.csv");
        assertTrue(error.get("message").asText().contains("127.0.0.1"), error.toString());
        assertEquals(0, otherHost.requestCount(), "no session and no file went to the other host");
        assertTrue(zuora.calls("create").isEmpty(), "nothing was created anywhere");
        assertFalse(zuora.calls("login").isEmpty());
    }

    @Test
    void serverUrlOnPlainHttpAtZuoraIsRefused() throws Exception {
        zuora.answerServerUrl("http://www.zuora.com" + ZuoraSoapSimulator.PATH);
        JsonNode error = failedWith("zuora/cleartext.csv");
        assertTrue(error.get("message").asText().contains("www.zuora.com is http, not https"), error.toString());
        assertTrue(zuora.calls("create").isEmpty());
    }

    @Test
    void resultUrlOnAnotherHostIsRefusedWithoutTheSession() throws Exception {
        zuora.answerResultUrlsOn(otherHostBase());
        JsonNode error = failedWith("zuora/result-elsewhere.csv");
        assertTrue(error.get("message").asText().contains("ResultResourceUrl"), error.toString());
        assertTrue(error.get("message").asText().contains("Completed"), "the job's status is named: " + error);
        assertEquals(1, zuora.calls("create").size(), "the import itself went to Zuora");
        assertTrue(zuora.calls("download").isEmpty());
        assertEquals(0, otherHost.requestCount(), "the session never went to the other host");
    }

    /** Drops the file, waits for failed/ and its sidecar, and checks what every refusal shares. */
    private JsonNode failedWith(String name) throws Exception {
        drop(name, USAGE);
        Path sidecar = data.resolve("failed/" + name + ".error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar) && Files.exists(data.resolve("failed/" + name)));
        JsonNode error = new ObjectMapper().readTree(sidecar.toFile());
        assertEquals("URL_NOT_ALLOWED", error.get("code").asText(), error.toString());
        assertFalse(error.get("retryable").asBoolean());
        assertEquals(USAGE, Files.readString(data.resolve("failed/" + name)));
        String text = Files.readString(sidecar);
        assertFalse(text.contains(PASSWORD), "no password in the sidecar");
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora").get(0);
        assertEquals("URL_NOT_ALLOWED", delivery.errorCode());
        assertTrue(delivery.state() == DeliveryState.REJECTED || delivery.state() == DeliveryState.FAILED,
                delivery.state().toString());
        return error;
    }
}
