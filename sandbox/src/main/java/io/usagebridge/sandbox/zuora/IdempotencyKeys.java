package io.usagebridge.sandbox.zuora;

import io.usagebridge.sandbox.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Zuora's Idempotency-Key store: the first request with a key reserves it; its answer (status,
 * headers, body, success or failure) is kept 24 hours from the reservation and replayed to
 * a retry with the same fingerprint. A retry while the first is still in flight is a conflict
 * (409), a retry with another fingerprint is refused (422).
 */
final class IdempotencyKeys {

    static final Duration RETENTION = Duration.ofHours(24);

    /** The outcome of presenting a key. */
    sealed interface Claim permits Reserved, InFlight, Mismatch, Replay {
    }

    /** The key was free (or expired) and is now reserved for this request. */
    record Reserved() implements Claim {
    }

    /** Another request with the key is still being processed. */
    record InFlight() implements Claim {
    }

    /** The key was used for a different request. */
    record Mismatch() implements Claim {
    }

    /** The key's first request finished: replay its answer. */
    record Replay(Reply response) implements Claim {
    }

    private static final class Entry {
        final String fingerprint;
        final Instant reservedAt;
        Reply response;

        Entry(String fingerprint, Instant reservedAt) {
            this.fingerprint = fingerprint;
            this.reservedAt = reservedAt;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    synchronized Claim claim(String key, String fingerprint, Clock clock) {
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && !now.isBefore(entry.reservedAt.plus(RETENTION))) {
            entries.remove(key); // Zuora removes a key 24 hours after it is set
            entry = null;
        }
        if (entry == null) {
            entries.put(key, new Entry(fingerprint, now));
            return new Reserved();
        }
        if (entry.response == null) {
            return new InFlight();
        }
        if (!entry.fingerprint.equals(fingerprint)) {
            return new Mismatch();
        }
        return new Replay(entry.response);
    }

    /** Keeps the answer to the request that reserved {@code key}. */
    synchronized void complete(String key, Reply response) {
        Entry entry = entries.get(key);
        if (entry != null && entry.response == null) {
            entry.response = response;
        }
    }

    /** Frees a key whose request never produced an answer to keep (it may be retried). */
    synchronized void release(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.response == null) {
            entries.remove(key);
        }
    }

    synchronized boolean inFlight(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.response == null;
    }

    synchronized void clear() {
        entries.clear();
    }
}
