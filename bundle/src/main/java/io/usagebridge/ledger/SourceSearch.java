package io.usagebridge.ledger;

import java.time.Instant;

/**
 * Which source files an operator looks for; every field is optional (null: any).
 *
 * @param state  the file's state (DONE, FAILED, UNCERTAIN, ...)
 * @param target files with at least one delivery to this target
 * @param from   received at or after
 * @param to     received before
 * @param name   part of the file's name (case-insensitive)
 * @param hash   the start of its SHA-256 or MD5 (hex)
 * @param limit  at most this many, newest first
 */
public record SourceSearch(SourceState state, String target, Instant from, Instant to, String name, String hash,
                           int limit) {

    public static final int MAX_LIMIT = 1000;

    public SourceSearch {
        limit = limit <= 0 ? 100 : Math.min(limit, MAX_LIMIT);
    }

    public static SourceSearch recent(int limit) {
        return new SourceSearch(null, null, null, null, null, null, limit);
    }
}
