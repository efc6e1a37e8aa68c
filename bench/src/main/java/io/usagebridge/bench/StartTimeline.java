package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where an app's start goes, from its log: the seconds from the process start to the first line of each phase (JVM
 * and Quarkus boot until Camel Quarkus starts; the ledger's Flyway migration; UsageBridge's wiring; the Camel context
 * starting its routes; Quarkus' started line).
 */
public final class StartTimeline {

    private static final Pattern TIME = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}");
    /** The phases' first lines, in order. */
    static final Map<String, Pattern> MARKS = marks();

    private StartTimeline() {
    }

    private static Map<String, Pattern> marks() {
        Map<String, Pattern> marks = new LinkedHashMap<>();
        marks.put("Camel Quarkus starting", Pattern.compile("Apache Camel Quarkus \\S+ is starting"));
        marks.put("Flyway connects", Pattern.compile("\\[org\\.fly\\.cor\\.FlywayExecutor\\].*Database:"));
        marks.put("ledger migrated", Pattern.compile("Successfully applied \\d+ migrations|Schema .* is up to date"));
        marks.put("UsageBridge wired", Pattern.compile("UsageBridge ready: targets"));
        marks.put("Camel context starting", Pattern.compile("Apache Camel \\S+ \\(\\S+\\) is starting"));
        marks.put("Camel context started", Pattern.compile("Apache Camel \\S+ \\(\\S+\\) started in"));
        marks.put("Quarkus started line", UsageBridgeProcess.STARTED);
        return marks;
    }

    /** Seconds after {@code processStartEpochMillis} of each mark found in {@code log}, in order. */
    public static Map<String, Double> read(Path log, long processStartEpochMillis) throws IOException {
        Map<String, Double> at = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(log);
        for (Map.Entry<String, Pattern> mark : MARKS.entrySet()) {
            for (String line : lines) {
                var time = TIME.matcher(line);
                if (time.find() && mark.getValue().matcher(line).find()) {
                    long epoch = AppLogTime.epochMillis(time.group());
                    at.put(mark.getKey(), (epoch - processStartEpochMillis) / 1000.0);
                    break;
                }
            }
        }
        return at;
    }
}
