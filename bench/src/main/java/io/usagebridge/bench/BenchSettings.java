package io.usagebridge.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a bench run does, from {@code key=value} arguments (bench/README.md lists them); the defaults are the
 * committed figures' settings. Paths are relative to the repository root, where the harness runs.
 */
public record BenchSettings(Path repoRoot, Path workDir, Path resultsDir, Set<String> cases, int files, int rows,
        int runs, int fingerprintMiB, int jmhWarmups, int jmhIterations, List<String> appOptions,
        boolean touchBeforeDrop, int warmupFiles, int agedFiles, int agedDeliveries, int agedRuns, int bigFileMiB,
        int bigFileRuns) {

    /** Every case, in the order they run; the default runs them all (the one command). */
    public static final List<String> CASES = List.of("small-files", "fingerprint", "start", "soap-wire",
            "insights-put", "aged-ledger", "big-file", "every-target");

    public static BenchSettings parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, e.g. runs=3; got " + arg);
            }
            given.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path root = Path.of(given.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        Set<String> cases = Set.copyOf(List.of(given.getOrDefault("cases", String.join(",", CASES))
                .split(",")));
        for (String name : cases) {
            if (!CASES.contains(name)) {
                throw new IllegalArgumentException("no case " + name + "; cases are " + CASES);
            }
        }
        BenchSettings settings = new BenchSettings(root,
                root.resolve(given.getOrDefault("work", "bench/target/work")),
                root.resolve(given.getOrDefault("results", "bench/results")),
                cases,
                Integer.parseInt(given.getOrDefault("files", "1000")),
                Integer.parseInt(given.getOrDefault("rows", "28")),
                Integer.parseInt(given.getOrDefault("runs", "3")),
                Integer.parseInt(given.getOrDefault("fingerprint-mib", "1024")),
                Integer.parseInt(given.getOrDefault("jmh-warmups", "2")),
                Integer.parseInt(given.getOrDefault("jmh-iterations", "5")),
                given.getOrDefault("app-options", "").isBlank() ? List.of()
                        : List.of(given.get("app-options").trim().split("\\s+")),
                Boolean.parseBoolean(given.getOrDefault("touch-before-drop", "false")),
                Integer.parseInt(given.getOrDefault("warmup-files", "0")),
                Integer.parseInt(given.getOrDefault("aged-files", "10000")),
                Integer.parseInt(given.getOrDefault("aged-deliveries", "1000000")),
                Integer.parseInt(given.getOrDefault("aged-runs", "1")),
                Integer.parseInt(given.getOrDefault("big-file-mib", "1024")),
                Integer.parseInt(given.getOrDefault("big-file-runs", "1")));
        given.keySet().removeAll(Set.of("repo", "work", "results", "cases", "files", "rows", "runs",
                "fingerprint-mib", "jmh-warmups", "jmh-iterations", "app-options", "touch-before-drop",
                "warmup-files", "aged-files", "aged-deliveries", "aged-runs", "big-file-mib", "big-file-runs"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown settings " + given.keySet());
        }
        return settings;
    }

    /** Whether this run changes what the committed figures measure (an experiment's results say so at the top). */
    public boolean experiment() {
        return !appOptions.isEmpty() || touchBeforeDrop || warmupFiles > 0;
    }

    /**
     * What the results file's name carries after the date: nothing for a run of every case, else the cases run
     * ({@code 2026-12-03-aged-ledger+big-file.md}), so a run of a few cases never replaces the day's full results.
     */
    public String resultsSuffix() {
        List<String> run = CASES.stream().filter(cases::contains).toList();
        return run.size() == CASES.size() ? "" : "-" + String.join("+", run);
    }

    public Path appJar() {
        return repoRoot.resolve("quarkus/target/quarkus-app/quarkus-run.jar");
    }

    public Path sandboxJar() {
        return repoRoot.resolve("sandbox/target/usagebridge-sandbox-run.jar");
    }

    public Path minimalAppDir() {
        return repoRoot.resolve("bench/minimal-app");
    }

    public Path minimalAppJar() {
        return minimalAppDir().resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path loopScript() {
        return repoRoot.resolve("bench/reference/twocheckout-loop.sh");
    }

    public Path config() {
        return repoRoot.resolve("config/application.properties");
    }
}
