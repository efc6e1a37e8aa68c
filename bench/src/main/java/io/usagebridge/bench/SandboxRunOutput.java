package io.usagebridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sandbox run ({@code SandboxRun}) prints, read back from its log: its launcher lines (each simulator's URL
 * and the targets it plays, the app's pid) and the app's own output, which shares the console (the per-file summary,
 * and any OutOfMemoryError, in a log line or a thread's stack trace).
 */
final class SandboxRunOutput {

    /** {@code sandbox: app started (pid 11313): java …}. */
    static final Pattern APP_STARTED = Pattern.compile("^sandbox: app started \\(pid (\\d+)\\)");
    /** {@code sandbox:   Zuora REST (usage, mass actions)   http://localhost:44543 (zuora-usage, zuora-revenue)}. */
    private static final Pattern LISTENING = Pattern.compile(
            "^sandbox: {3}.+? (https?://[^/\\s]+)\\S* \\(([^)]+)\\)$");
    private static final String SUMMARY_HEADING = "UsageBridge run summary:";

    private SandboxRunOutput() {
    }

    static long appPid(String appStartedLine) {
        Matcher started = APP_STARTED.matcher(appStartedLine);
        if (!started.find()) {
            throw new IllegalArgumentException("not the app's start line: " + appStartedLine);
        }
        return Long.parseLong(started.group(1));
    }

    /** Each target's simulator, {@code http://localhost:<port>}, where its {@code /__sandbox/state} answers. */
    static Map<String, String> simulators(Path log) throws IOException {
        Map<String, String> byTarget = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    for (String target : listening.group(2).split(",\\s*")) {
                        byTarget.put(target, listening.group(1));
                    }
                }
            }
        }
        return byTarget;
    }

    /** The app's summary rows ({@code FILE OUTCOME DETAIL}) by file or batch folder, as printed. */
    static Map<String, String> summaryRows(Path log) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inSummary = false;
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(SUMMARY_HEADING)) {
                    inSummary = true;
                    rows.put(SUMMARY_HEADING, line);
                } else if (inSummary && line.startsWith("FILE ")) {
                    continue;
                } else if (inSummary && line.matches("\\S+ {2,}(DONE|FAILED|DUPLICATE)\\b.*")) {
                    rows.put(line.substring(0, line.indexOf(' ')), line.replaceAll(" {2,}", " · "));
                } else {
                    inSummary = false;
                }
            }
        }
        return rows;
    }

    /** Whether {@code OutOfMemoryError} appears anywhere in the file. */
    static boolean mentionsOutOfMemory(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.contains("OutOfMemoryError")) {
                    return true;
                }
            }
        }
        return false;
    }
}
