package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;

/**
 * Hostile answers from Zuora SOAP, read by CXF: an answer that never ends is cut at http.max-reply-bytes (its
 * connection closed, the thread freed), and an answer with a DOCTYPE is refused unread, its DTD and external entity
 * never fetched (the URL they name is the 2Checkout simulator, which counts every request).
 */
class ZuoraSoapHostileAnswersTest extends ZuoraSoapTestSupport {

    private static final String USAGE = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
            + "A00000001,Each,10,11/01/2026,11/01/2026,,,api calls\n";

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("http.max-reply-bytes", "65536");
        return p;
    }

    @Test
    void createAnswerThatNeverEndsIsCutAtTheCapTheSendUncertainAndTheNextFileGoes() throws Exception {
        loggedIn();
        zuora.answerEndlessNext(1);

        DeliveryRow delivery = outcomeOf("zuora/endless.csv");

        assertEquals(DeliveryState.UNCERTAIN, delivery.state(), "the Import may have been made");
        assertEquals("TARGET_REPLY_TOO_LARGE", firstAttemptCode(delivery));
        await().atMost(10, SECONDS).until(() -> zuora.endlessAnswersCutOff() == 1);
        drop("zuora/after.csv", USAGE.replace("api calls", "more api calls"));
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/after.csv")));
    }

    @Test
    void loginAnswerWithADoctypeIsRefusedUnreadNothingFetchedAndTheLoginTriedAgain() throws Exception {
        zuora.answerDoctypeNext(1, twoCheckout.baseUrl());

        DeliveryRow delivery = outcomeOf("zuora/doctype-login.csv");

        assertEquals(DeliveryState.ACCEPTED, delivery.state(), "the next login() was read");
        assertEquals("ZUORA_LOGIN_REPLY_UNREADABLE", firstAttemptCode(delivery));
        assertEquals(1, zuora.calls("create").size(), "one Import");
        assertEquals(0, twoCheckout.requestCount(), "neither the DTD nor the entity was fetched");
    }

    @Test
    void createAnswerWithADoctypeIsUnreadableAndItsEntitiesAreNeverFetched() throws Exception {
        loggedIn();
        zuora.answerDoctypeNext(1, twoCheckout.baseUrl());

        DeliveryRow delivery = outcomeOf("zuora/doctype-create.csv");

        assertEquals(DeliveryState.UNCERTAIN, delivery.state(), "the Import may have been made");
        assertEquals("TARGET_REPLY_UNREADABLE", firstAttemptCode(delivery));
        JsonNode error = new ObjectMapper().readTree(
                data.resolve("failed/zuora/doctype-create.csv.error.json").toFile());
        assertTrue(error.get("message").asText().contains("a DOCTYPE"), error.toString());
        assertEquals(0, twoCheckout.requestCount(), "neither the DTD nor the entity was fetched");
    }

    /** A first file, so the session is open and the next SOAP answer is create()'s. */
    private void loggedIn() throws Exception {
        drop("zuora/first.csv", USAGE.replace("api calls", "first api calls"));
        await().atMost(30, SECONDS).until(() -> !zuora.calls("create").isEmpty());
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve("done/zuora/first.csv")));
    }

    /** Drops the file, waits until it is done or failed, and returns its delivery. */
    private DeliveryRow outcomeOf(String name) throws Exception {
        drop(name, USAGE);
        Path done = data.resolve("done/" + name);
        Path failed = data.resolve("failed/" + name + ".error.json");
        await().atMost(60, SECONDS).until(() -> Files.exists(done) || Files.exists(failed));
        // the newest delivery: a warm-up file's came first
        return ledger().deliveries().deliveriesTo("zuora").stream().max(Comparator.comparingLong(DeliveryRow::id)).orElseThrow();
    }

    private String firstAttemptCode(DeliveryRow delivery) {
        return ledger().attempts().attemptsOf(delivery.id()).get(0).errorCode();
    }
}
