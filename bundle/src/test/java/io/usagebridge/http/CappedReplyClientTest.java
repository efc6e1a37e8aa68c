package io.usagebridge.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;

/** The client's own cap, against a body that never ends: read to the cap, or closed early, it returns at once. */
@Timeout(value = 60, unit = SECONDS)
class CappedReplyClientTest {

    private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;

    private static TwoCheckoutReceiverSimulator endless;

    @BeforeAll
    static void start() throws Exception {
        endless = new TwoCheckoutReceiverSimulator();
        endless.start(0);
    }

    @AfterAll
    static void stop() {
        endless.stop();
    }

    @Test
    void bodyFarLargerThanTheHeapIsReadToTheCapAndItsConnectionDropped() throws Exception {
        endless.answerEndlessNext(1);
        int before = endless.endlessAnswersCutOff();
        try (CloseableHttpClient client = client(1024 * 1024)) {
            ClassicHttpResponse response = client.executeOpen(null, get(), null);
            UsageBridgeFailure failure;
            try (InputStream body = response.getEntity().getContent()) {
                // a reader that wants it all (2 GiB of a never-ending body) gets the cap's code instead
                failure = assertThrows(UsageBridgeFailure.class, () -> body.skipNBytes(TWO_GIB));
            }
            assertEquals(CoreFailureCode.TARGET_REPLY_TOO_LARGE, failure.code());
        }
        await().atMost(10, SECONDS).until(() -> endless.endlessAnswersCutOff() == before + 1);
    }

    @Test
    void bodyClosedBeforeItsEndIsDroppedNotDrained() throws Exception {
        endless.answerEndlessNext(1);
        int before = endless.endlessAnswersCutOff();
        try (CloseableHttpClient client = client(1024 * 1024)) {
            ClassicHttpResponse response = client.executeOpen(null, get(), null);
            InputStream body = response.getEntity().getContent();
            body.readNBytes(10);
            body.close(); // HttpClient's own close would read on for ever
            response.close();
        }
        await().atMost(10, SECONDS).until(() -> endless.endlessAnswersCutOff() == before + 1);
    }

    private static CloseableHttpClient client(long maxBytes) {
        HttpClientBuilder builder = HttpClientBuilder.create();
        new CappedReplyClient(maxBytes, ReplyBodies.MAX_REPLY_BYTES_KEY, CoreFailureCode.TARGET_REPLY_TOO_LARGE)
                .configureHttpClient(builder);
        return builder.build();
    }

    private static HttpGet get() {
        return new HttpGet(endless.baseUrl() + "/subscription/payperusage/receiver/index.php");
    }
}
