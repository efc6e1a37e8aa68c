package io.usagebridge.intake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.usagebridge.ExchangeKeys;

/** Files handed over in one order, read in another: the same content goes on in the order they were handed over. */
class FileTurnsTest {

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final FileTurns turns = new FileTurns(Duration.ofSeconds(30));

    @Test
    void aResendReadFirstWaitsForItsOriginalAndOtherContentDoesNotWait() throws Exception {
        Exchange original = handedOver();
        Exchange other = handedOver();
        Exchange resend = handedOver();

        // the resend is read before its original: it waits, for the original's read and then for its end
        CompletableFuture<Void> resendGoesOn = CompletableFuture.runAsync(() -> fingerprinted(resend, "aaa"));
        assertFalse(waitFor(resendGoesOn, 300), "the original is not read yet");
        CompletableFuture<Void> otherGoesOn = CompletableFuture.runAsync(() -> fingerprinted(other, "bbb"));
        fingerprinted(original, "aaa");
        assertTrue(waitFor(otherGoesOn, 5000), "other content goes on once the files before it are read");
        assertFalse(waitFor(resendGoesOn, 300), "the original, of the same content, is still in work");

        original.getExchangeExtension().handoverCompletions().forEach(done -> done.onComplete(original));
        assertTrue(waitFor(resendGoesOn, 5000), "the original's work ended: the resend goes on, a duplicate");
    }

    private Exchange handedOver() {
        Exchange exchange = new DefaultExchange(context);
        turns.takeTurn(exchange);
        return exchange;
    }

    private void fingerprinted(Exchange exchange, String sha256) {
        exchange.setProperty(ExchangeKeys.SHA256, sha256);
        try {
            turns.fingerprinted(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean waitFor(CompletableFuture<Void> future, long millis) {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }
}
