package io.usagebridge.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retry-After as delta-seconds or an HTTP date, never negative and never above the cap. */
class RetryAfterReaderTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Duration CAP = Duration.ofMinutes(10);

    private final RetryAfterReader reader = new RetryAfterReader(CAP, NOW);

    @Test
    void deltaSecondsAreTheWait() {
        assertEquals(Duration.ofSeconds(120), reader.parse("120"));
        assertEquals(Duration.ofSeconds(120), reader.parse(" 120 "));
        assertEquals(Duration.ZERO, reader.parse("0"));
    }

    @Test
    void httpDateIsTheWaitUntilThen() {
        assertEquals(Duration.ofSeconds(30), reader.parse("Sun, 01 Nov 2026 10:00:30 GMT"));
    }

    @Test
    void dateInThePastMeansRetryNow() {
        assertEquals(Duration.ZERO, reader.parse("Sun, 01 Nov 2026 09:59:00 GMT"));
        assertEquals(Duration.ZERO, reader.parse("-5"));
    }

    @Test
    void waitAboveTheCapIsCut() {
        assertEquals(CAP, reader.parse("86400"));
        assertEquals(CAP, reader.parse("Sun, 01 Nov 2026 12:00:00 GMT"));
        assertEquals(CAP, reader.parse(String.valueOf(CAP.toSeconds())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "12s", "2026-11-01T10:00:30Z", "Sun, 32 Nov 2026 10:00:30 GMT", "", "  "})
    void unreadableValueAsksNoWait(String value) {
        assertNull(reader.parse(value));
    }

    @Test
    void absentValueAsksNoWait() {
        assertNull(reader.parse(null));
    }

    @Test
    void headerIsFoundWhateverItsCase() {
        assertEquals(Duration.ofSeconds(7), reader.delayFor(http(Map.of("retry-after", "7"))));
        assertEquals(Duration.ofSeconds(7), reader.delayFor(http(Map.of("Retry-After", "7"))));
        assertNull(reader.delayFor(http(Map.of("Content-Type", "text/plain"))));
        assertNull(reader.delayFor(http(null)));
    }

    private static HttpOperationFailedException http(Map<String, String> headers) {
        return new HttpOperationFailedException("http://target/upload", 503, "Service Unavailable", null, headers,
                "busy");
    }
}
