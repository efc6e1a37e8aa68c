package io.usagebridge.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The one place Retry-After is read: delta-seconds or an HTTP date, capped so a hostile or broken target cannot
 * park a delivery for days.
 */
public final class RetryAfterReader {

    private final Duration cap;
    private final Clock clock;

    public RetryAfterReader(Duration cap, Clock clock) {
        this.cap = cap;
        this.clock = clock;
    }

    /** The wait the target asked for, or null when it asked none. */
    public Duration delayFor(HttpOperationFailedException http) {
        Map<String, String> headers = http.getResponseHeaders();
        if (headers == null) {
            return null;
        }
        String value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Retry-After"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        return parse(value);
    }

    public Duration parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                wait = Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
