package io.usagebridge.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * 2Checkout usage files for the app tests. The tests of one app start share its ledger: every file gets a name and
 * content of its own (the same content twice would be a duplicate).
 */
public final class UsageFiles {

    public static final String HEADER = "UsageStart,UsageEnd,OptionCode,Description,SubscriptionRef\n";

    private UsageFiles() {
    }

    /** A name no other test uses: {@code <prefix>-<8 hex>.csv}. */
    public static String uniqueName(String prefix) {
        return unique(prefix) + ".csv";
    }

    /** {@code <prefix>-<8 hex>}: the common part of several files' names. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One valid row, its subscription taken from the name so that the content is unique too. */
    public static String valid(String name) {
        return HEADER + "2026-11-04,2026-11-04,metered-api,,REF" + ref(name) + "\n";
    }

    /** A row whose usage start is no date: the file fails validation, nothing is sent. */
    public static String invalid(String name) {
        return HEADER + "not-a-date,2026-11-04,metered-api,,REF" + ref(name) + "\n";
    }

    /** Written beside the inbox, then moved in whole, as a producer should. */
    public static void drop(Path inbox, String name, String content) throws IOException {
        Path staging = Files.createDirectories(inbox.resolveSibling("staging")).resolve(name);
        Files.writeString(staging, content, StandardCharsets.UTF_8);
        Files.createDirectories(inbox);
        Files.move(staging, inbox.resolve(name));
    }

    private static String ref(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }
}
