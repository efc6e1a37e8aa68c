package io.usagebridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The route examples of the repository's README.md, as a user copies them: the fenced yaml block between
 * {@code <!-- readme-example: NAME -->} and {@code <!-- /readme-example -->}, its list indentation taken off. Tests
 * load these blocks, so the README shows what runs.
 */
public final class ReadmeExamples {

    /** The README beside the module folders (tests run in their module's folder, as ../routes and ../config). */
    public static final Path README = Path.of("../README.md");

    private ReadmeExamples() {
    }

    /** The yaml of the example {@code name}. */
    public static String block(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = indexOf(lines, "<!-- readme-example: " + name + " -->", 0);
        int end = indexOf(lines, "<!-- /readme-example -->", start);
        int open = indexOf(lines, "```yaml", start);
        int close = indexOf(lines, "```", open + 1);
        if (start < 0 || end < 0 || open < 0 || close < 0 || close > end) {
            throw new IllegalStateException(README + " has no fenced yaml block marked readme-example: " + name);
        }
        String indent = lines.get(open).substring(0, lines.get(open).indexOf("```"));
        List<String> yaml = new ArrayList<>();
        for (String line : lines.subList(open + 1, close)) {
            yaml.add(line.startsWith(indent) ? line.substring(indent.length()) : line.strip());
        }
        return String.join("\n", yaml) + "\n";
    }

    /** Writes the examples into {@code folder} as {@code <name>.camel.yaml}, as a user saves them into routes/. */
    public static Path writeInto(Path folder, String... names) {
        try {
            Files.createDirectories(folder);
            for (String name : names) {
                Files.writeString(folder.resolve(name + ".camel.yaml"), block(name), StandardCharsets.UTF_8);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(List<String> lines, String text, int from) {
        if (from < 0) {
            return -1;
        }
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(text)) {
                return i;
            }
        }
        return -1;
    }
}
