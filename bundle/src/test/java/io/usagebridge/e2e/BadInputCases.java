package io.usagebridge.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a bad-input case list: {@code file,outcome,code,line[,sends]}, one case a row, {@code #} comments. The file is
 * relative to the list's folder (so a target's list reuses the shared files with {@code ../}); it is dropped into
 * the target's inbox folder under its own name, or at its own relative path when no folder is given.
 */
final class BadInputCases {

    /** Where the case files and lists live. */
    static final Path SUITE = Path.of("src/test/resources/bad-input");

    private BadInputCases() {
    }

    static List<BadInputCase> read(Path list, String inboxFolder) throws IOException {
        List<BadInputCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String row : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (row.startsWith("#") || row.startsWith("file,") || row.isBlank()) {
                continue;
            }
            String[] f = row.split(",", -1);
            Path original = list.getParent().resolve(f[0]).normalize();
            String name = inboxFolder.isEmpty() ? f[0] : inboxFolder + "/" + original.getFileName();
            int sends = f.length > 4 && !f[4].isEmpty() ? Integer.parseInt(f[4]) : f[1].equals("DONE") ? 1 : 0;
            if (!names.add(name)) {
                throw new IllegalStateException(list + ": two cases are dropped as " + name);
            }
            cases.add(new BadInputCase(name, original, f[1], f[2], f[3], sends));
        }
        return cases;
    }
}
