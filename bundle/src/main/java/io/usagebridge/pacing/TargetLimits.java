package io.usagebridge.pacing;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a target's reply says of its limits (Zuora's {@code Concurrency-Limit-*} and {@code ratelimit-*} headers; any
 * target may send them): how many requests it takes at once, whether that share is used up this second, and how long
 * until a spent rate limit resets. Absent or unreadable headers say nothing (they may be missing on a 500).
 */
public record TargetLimits(OptionalInt concurrencyLimit, boolean concurrencySpent, Duration rateLimitResetIn) {

    public static final TargetLimits NONE = new TargetLimits(OptionalInt.empty(), false, null);

    /** Zuora refreshes the concurrency figures each second. */
    static final Duration CONCURRENCY_REFRESH = Duration.ofSeconds(1);

    /** @param headers a reply's headers, any case; values may be lists ({@code 50000, 50000;w=60}) */
    public static TargetLimits of(Map<String, ?> headers) {
        if (headers == null || headers.isEmpty()) {
            return NONE;
        }
        OptionalInt limit = firstNumber(header(headers, "Concurrency-Limit-Limit"));
        OptionalInt remaining = firstNumber(header(headers, "Concurrency-Limit-Remaining"));
        OptionalInt rateRemaining = firstNumber(header(headers, "ratelimit-remaining"));
        OptionalInt reset = firstNumber(header(headers, "ratelimit-reset"));
        Duration resetIn = rateRemaining.isPresent() && rateRemaining.getAsInt() == 0
                ? Duration.ofSeconds(reset.orElse(1)) : null;
        return new TargetLimits(limit.isPresent() && limit.getAsInt() > 0 ? limit : OptionalInt.empty(),
                remaining.isPresent() && remaining.getAsInt() == 0, resetIn);
    }

    private static String header(Map<String, ?> headers, String name) {
        Object value = headers.get(name);
        if (value == null) {
            for (Map.Entry<String, ?> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    value = e.getValue();
                    break;
                }
            }
        }
        if (value instanceof Iterable<?> values) {
            var first = values.iterator();
            value = first.hasNext() ? first.next() : null;
        }
        return value == null ? null : value.toString();
    }

    /** The leading integer of a value such as {@code 40}, {@code 49999, 50000;w=60} or {@code 12;w=60}. */
    private static OptionalInt firstNumber(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        String v = value.trim();
        int end = 0;
        while (end < v.length() && end < 9 && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v.substring(0, end)));
    }
}
