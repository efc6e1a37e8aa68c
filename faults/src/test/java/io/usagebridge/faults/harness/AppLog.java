package io.usagebridge.faults.harness;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One start's log file (stdout and stderr of the process), read as it grows: each read takes only the lines added
 * since the last one, so waiting on a long log stays cheap.
 */
public final class AppLog {

    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private long offset;
    private final StringBuilder partial = new StringBuilder();

    AppLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The first line so far matching {@code pattern}. */
    public synchronized Optional<String> find(Pattern pattern) {
        readNew();
        return lines.stream().filter(line -> pattern.matcher(line).find()).findFirst();
    }

    public synchronized long count(Pattern pattern) {
        readNew();
        return lines.stream().filter(line -> pattern.matcher(line).find()).count();
    }

    /** The last {@code n} lines, for a failure message. */
    public synchronized String tail(int n) {
        readNew();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private void readNew() {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return;
            }
            in.seek(offset);
            byte[] bytes = new byte[(int) Math.min(length - offset, 16L * 1024 * 1024)];
            in.readFully(bytes);
            offset += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                lines.add(partial.substring(0, newline));
                partial.delete(0, newline + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
