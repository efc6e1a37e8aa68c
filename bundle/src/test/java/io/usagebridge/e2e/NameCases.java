package io.usagebridge.e2e;

/** File names for the name cases: of an exact length, and a small good content of their own. */
final class NameCases {

    private NameCases() {
    }

    /** A file name of exactly {@code length} characters, ending in .csv. */
    static String ofLength(int length) {
        String stem = "usage-" + length + "-";
        return stem + "n".repeat(length - stem.length() - 4) + ".csv";
    }

    /** Two rows that fit any contract taking the 2Checkout columns, different for every name. */
    static BadInputBar.Content content(String name) {
        return SizedCsv.rows("UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef",
                i -> "2026-11-01 10:00:00,2026-11-01 11:00:00,metered-api,name-" + name.hashCode() + "-" + i + ",SUB1",
                2);
    }
}
