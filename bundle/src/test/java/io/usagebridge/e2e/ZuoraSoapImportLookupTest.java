package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.AttemptRow;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.sandbox.zuorasoap.ZuoraImport;
import io.usagebridge.targets.zuora.soap.ZuoraImportLookup;
import io.usagebridge.targets.zuora.soap.ZuoraSoapFailureCode;
import io.usagebridge.targets.zuora.soap.ZuoraSoapRequest;

/**
 * {@code direct:lookup-zuora-soap-import} against the SOAP simulator: a create() whose reply was lost leaves the
 * delivery UNCERTAIN, and the lookup tells from Zuora whether its Import exists.
 */
class ZuoraSoapImportLookupTest extends ZuoraSoapTestSupport {

    private static final String USAGE = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
            + "A00000001,Each,10,11/01/2026,11/01/2026,,,api calls\n";

    @Test
    void importMadeBeforeTheReplyWasLostIsFound() throws Exception {
        zuora.dropNextCreatesAfterCreating(1);
        drop("zuora/usage.csv", USAGE);
        DeliveryRow uncertain = awaitUncertain("usage.csv");
        ZuoraImport made = zuora.imports().get(0);
        assertTrue(made.accepted(), "Zuora made the Import; only its reply was lost");

        Exchange answer = lookup(made.name(), uncertain.chunkMd5(), attemptStart(uncertain));

        assertNull(answer.getException());
        assertEquals(ZuoraImportLookup.FOUND, answer.getProperty(ZuoraImportLookup.OUTCOME));
        assertEquals(made.id(), answer.getProperty(ExchangeKeys.REMOTE_ID));
        assertNotNull(answer.getProperty(ExchangeKeys.REMOTE_STATUS));
        assertEquals(1, zuora.calls("create").size(), "looked up, never resent");
        assertEquals(DeliveryState.UNCERTAIN, ledger().deliveries().delivery(uncertain.id()).orElseThrow().state(),
                "the lookup only answers; resolving the delivery is the caller's");
    }

    @Test
    void createDroppedBeforeTheImportWasMadeIsNotFound() throws Exception {
        zuora.dropNextCreatesBeforeCreating(1);
        drop("zuora/usage.csv", USAGE);
        DeliveryRow uncertain = awaitUncertain("usage.csv");
        assertTrue(zuora.imports().isEmpty());

        Exchange answer = lookup("usage.csv", uncertain.chunkMd5(), attemptStart(uncertain));

        assertNull(answer.getException());
        assertEquals(ZuoraImportLookup.NOT_FOUND, answer.getProperty(ZuoraImportLookup.OUTCOME));
        assertNull(answer.getProperty(ExchangeKeys.REMOTE_ID));
        assertTrue(answer.getProperty(ExchangeKeys.REMOTE_RESPONSE, String.class).contains("usage.csv"));
    }

    @Test
    void nameWithAQuoteAndABackslashRoundTrips() throws Exception {
        Instant start = Instant.now();
        String name = "O'Brien's \\\\server\\usage.csv";
        String md5 = createImport(name);

        Exchange answer = lookup(name, md5, start);

        assertEquals(ZuoraImportLookup.FOUND, answer.getProperty(ZuoraImportLookup.OUTCOME), answerText(answer));
        assertEquals(zuora.imports().get(0).id(), answer.getProperty(ExchangeKeys.REMOTE_ID));
        assertEquals(name, zuora.imports().get(0).name(), "the Name Zuora keeps is the one looked for");
        assertEquals(ZuoraImportLookup.NOT_FOUND, lookup("O'Brien's \\server\\usage.csv", md5, start)
                .getProperty(ZuoraImportLookup.OUTCOME), "one backslash fewer is another name");
    }

    @Test
    void ofSeveralMatchesTheEarliestCreatedIsTaken() throws Exception {
        Instant start = Instant.now();
        String md5 = createImport("usage.csv");
        // ZOQL promises no order: the second Import is dated first, so taking the first record would be wrong
        zuora.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2)));
        createImport("usage.csv");
        String earliest = zuora.imports().get(1).id();

        Exchange answer = lookup("usage.csv", md5, start);

        assertEquals(ZuoraImportLookup.FOUND, answer.getProperty(ZuoraImportLookup.OUTCOME));
        assertEquals(earliest, answer.getProperty(ExchangeKeys.REMOTE_ID));
        String response = answer.getProperty(ExchangeKeys.REMOTE_RESPONSE, String.class);
        assertTrue(response.contains("2 Imports match") && response.contains(zuora.imports().get(0).id()), response);
    }

    @Test
    void lookupWhileZuoraAnswersAFaultThrowsAndNeverSaysNotFound() throws Exception {
        Instant start = Instant.now();
        String md5 = createImport("usage.csv"); // logged in

        zuora.failNext(1, 503);
        Exchange unavailable = lookup("usage.csv", md5, start);
        zuora.expireSessions();
        Exchange refusedSession = lookup("usage.csv", md5, start);
        Exchange again = lookup("usage.csv", md5, start);

        assertEquals(CoreFailureCode.TARGET_UNAVAILABLE, failure(unavailable).code());
        assertNull(unavailable.getProperty(ZuoraImportLookup.OUTCOME));
        assertEquals(ZuoraSoapFailureCode.ZUORA_SESSION_INVALID, failure(refusedSession).code());
        assertTrue(failure(refusedSession).retryable());
        assertNull(refusedSession.getProperty(ZuoraImportLookup.OUTCOME));
        assertNull(again.getException(), "the next lookup logs in again");
        assertEquals(ZuoraImportLookup.FOUND, again.getProperty(ZuoraImportLookup.OUTCOME));
        assertEquals(2, zuora.calls("login").size());
    }

    @Test
    void lookupWithoutItsPropertiesThrows() {
        Exchange answer = template().send(ZuoraImportLookup.ENDPOINT, exchange -> {
            exchange.setProperty(ExchangeKeys.TARGET, "zuora");
            exchange.setProperty(ZuoraImportLookup.NAME, "usage.csv");
            exchange.setProperty(ZuoraImportLookup.MD5, "0".repeat(32));
            exchange.setProperty(ZuoraImportLookup.SINCE, "2026-12-02T10:00:00Z"); // a String, not an Instant
        });

        assertTrue(answer.getException() instanceof IllegalArgumentException, String.valueOf(answer.getException()));
        assertTrue(zuora.calls().isEmpty(), "nothing asked of Zuora");
    }

    // ------------------------------------------------------------------ helpers

    private Exchange lookup(String name, String md5, Instant since) {
        return template().send(ZuoraImportLookup.ENDPOINT, exchange -> {
            exchange.setProperty(ExchangeKeys.TARGET, "zuora");
            exchange.setProperty(ZuoraImportLookup.NAME, name);
            exchange.setProperty(ZuoraImportLookup.MD5, md5);
            exchange.setProperty(ZuoraImportLookup.SINCE, since);
        });
    }

    /** Waits until the file is in failed/ as DELIVERY_UNCERTAIN; returns its delivery as the ledger holds it. */
    private DeliveryRow awaitUncertain(String name) throws IOException {
        Path sidecar = data.resolve("failed/zuora/" + name + ".error.json");
        await().atMost(30, SECONDS).until(() -> Files.exists(sidecar)
                && Files.exists(data.resolve("failed/zuora/" + name)));
        assertEquals(CoreFailureCode.DELIVERY_UNCERTAIN.name(),
                new ObjectMapper().readTree(sidecar.toFile()).get("code").asText());
        DeliveryRow delivery = ledger().deliveries().deliveriesTo("zuora").get(0);
        assertEquals(DeliveryState.UNCERTAIN, delivery.state());
        return delivery;
    }

    /** When the uncertain attempt began, as the ledger recorded it. */
    private Instant attemptStart(DeliveryRow delivery) {
        List<AttemptRow> attempts = ledger().attempts().attemptsOf(delivery.id());
        return attempts.get(attempts.size() - 1).startedAt();
    }

    /** create() of an Import named {@code name} through the target's own call route; returns the file's MD5. */
    private String createImport(String name) throws Exception {
        Path file = Files.createDirectories(data.resolve("staging")).resolve("import-" + System.nanoTime() + ".csv");
        Files.writeString(file, USAGE, StandardCharsets.UTF_8);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
        Exchange created = template().send("direct:zuora-soap-call", exchange -> {
            exchange.setProperty(ExchangeKeys.TARGET, "zuora");
            exchange.setProperty(ExchangeKeys.SOAP_REQUEST,
                    new ZuoraSoapRequest.CreateImport(file, "text/csv; name=usage.csv", name, md5));
        });
        assertNull(created.getException());
        return md5;
    }

    private static UsageBridgeFailure failure(Exchange exchange) {
        for (Throwable t = exchange.getException(); t != null; t = t.getCause()) {
            if (t instanceof UsageBridgeFailure failure) {
                return failure;
            }
        }
        throw new AssertionError("no UsageBridgeFailure: " + exchange.getException());
    }

    private static String answerText(Exchange exchange) {
        return exchange.getException() != null ? exchange.getException().toString()
                : exchange.getProperty(ExchangeKeys.REMOTE_RESPONSE, String.class);
    }
}
