package io.usagebridge.ledger;

/** LIKE patterns with the user's text taken literally: '_' and '%' in a path or name are not wildcards. */
final class LedgerPatterns {

    private LedgerPatterns() {
    }

    /** Matches every value starting with {@code text}; use with {@code escape '!'}. */
    static String prefix(String text) {
        return escape(text) + "%";
    }

    /** {@code text} with LIKE's wildcards (and the escape character) escaped; use with {@code escape '!'}. */
    static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
