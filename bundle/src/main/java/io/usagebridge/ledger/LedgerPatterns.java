package io.usagebridge.ledger;

/** LIKE patterns with the user's text taken literally: '_' and '%' in a path or name are not wildcards. */
final class LedgerPatterns {

    private LedgerPatterns() {
    }

    /** Matches every value starting with {@code text}; use with {@code escape '!'}. */
    static String prefix(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
