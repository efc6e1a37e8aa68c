package io.usagebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where UsageBridge's time goes in a small-files run, read from its log: the state lines each file passes (RECEIVED,
 * CLAIMED, SENDING, ACCEPTED, DONE; millisecond timestamps), set against the moment the files were dropped and the
 * moment the harness saw the end. Between files (DONE of one to RECEIVED of the next) lie the original's move to
 * done/, the ledger's intake lock, the read-lock check and the next file's copy and fingerprint.
 */
public final class IntakeTimeline {

    /** {@code <time> INFO  [<category>] (<thread>) <file>[ -> <target>[ chunk i/n] delivery <id>]: <STATE>}. */
    private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) \\S+\\s+"
            + "\\[[^\\]]*\\] \\((.*)\\) (\\S+\\.csv)(?: -> \\S+(?: chunk \\S+)? delivery \\d+)?: "
            + "(RECEIVED|CLAIMED|SENDING|ACCEPTED|DONE)\\b");
    private static final List<String> STAGES = List.of("RECEIVED", "CLAIMED", "SENDING", "ACCEPTED", "DONE");

    /** Medians in milliseconds, sums in seconds. */
    public record Summary(int files, Set<String> threads, double firstReceivedAfterDropMs,
            double perFileMedianMs, double perFileP90Ms, double perFileSumS,
            Map<String, Double> stageMedianMs, Map<String, Double> stageSumS,
            double betweenFilesMedianMs, double betweenFilesSumS, double lastDoneToEndMs,
            double firstFiftyMedianMs, double steadyMedianMs, double wallS) {
    }

    private IntakeTimeline() {
    }

    public static Summary read(Path log, long dropEpochMillis, long endEpochMillis) throws IOException {
        Map<String, Map<String, Long>> byFile = new HashMap<>();
        Set<String> threads = new HashSet<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            long at = AppLogTime.epochMillis(m.group(1));
            threads.add(m.group(2));
            byFile.computeIfAbsent(m.group(3), name -> new HashMap<>()).putIfAbsent(m.group(4), at);
        }
        // only the timed batch: files of a warm-up batch were received before the drop
        List<Map<String, Long>> files = byFile.values().stream().filter(f -> f.keySet().containsAll(STAGES))
                .filter(f -> f.get("RECEIVED") >= dropEpochMillis)
                .sorted(Comparator.comparing(f -> f.get("RECEIVED"))).toList();
        if (files.isEmpty()) {
            throw new IllegalStateException("no file went RECEIVED to DONE in " + log);
        }
        List<Double> perFile = new ArrayList<>();
        Map<String, List<Double>> stages = new HashMap<>();
        List<Double> between = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Map<String, Long> file = files.get(i);
            perFile.add((double) (file.get("DONE") - file.get("RECEIVED")));
            for (int s = 1; s < STAGES.size(); s++) {
                stages.computeIfAbsent(STAGES.get(s - 1) + " -> " + STAGES.get(s), k -> new ArrayList<>())
                        .add((double) (file.get(STAGES.get(s)) - file.get(STAGES.get(s - 1))));
            }
            if (i > 0) {
                between.add((double) (file.get("RECEIVED") - files.get(i - 1).get("DONE")));
            }
        }
        Map<String, Double> stageMedian = new LinkedHashMap<>();
        Map<String, Double> stageSum = new LinkedHashMap<>();
        for (int s = 1; s < STAGES.size(); s++) {
            String key = STAGES.get(s - 1) + " -> " + STAGES.get(s);
            stageMedian.put(key, Median.of(stages.get(key)));
            stageSum.put(key, sum(stages.get(key)) / 1000);
        }
        long lastDone = files.stream().mapToLong(f -> f.get("DONE")).max().orElseThrow();
        List<Double> sorted = perFile.stream().sorted().toList();
        return new Summary(files.size(), threads, files.get(0).get("RECEIVED") - dropEpochMillis,
                Median.of(perFile), sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.9))),
                sum(perFile) / 1000, stageMedian, stageSum,
                between.isEmpty() ? 0 : Median.of(between), sum(between) / 1000, endEpochMillis - lastDone,
                Median.of(perFile.subList(0, Math.min(50, perFile.size()))),
                Median.of(perFile.subList(perFile.size() / 2, perFile.size())),
                (endEpochMillis - dropEpochMillis) / 1000.0);
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
