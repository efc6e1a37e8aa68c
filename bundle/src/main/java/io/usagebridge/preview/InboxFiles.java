package io.usagebridge.preview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of an inbox a folder intake would take one by one, as the folder-source template picks them: names
 * ending in .csv, sub-folders included, hidden (dot) folders and the Insights batch folder left out. In name order.
 */
final class InboxFiles {

    private static final Pattern USAGE_FILE = Pattern.compile("(?i).*\\.csv");

    private InboxFiles() {
    }

    static List<Path> list(Path inbox, String insightsFolder) throws IOException {
        try (Stream<Path> files = Files.walk(inbox)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> USAGE_FILE.matcher(f.getFileName().toString()).matches())
                    .filter(f -> !hidden(inbox.relativize(f)) && !inbox.relativize(f).startsWith(insightsFolder))
                    .sorted().toList();
        }
    }

    /** The name an intake gives the file: its path below the inbox, with / between folders. */
    static String name(Path inbox, Path file) {
        return inbox.relativize(file).toString().replace('\\', '/');
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
