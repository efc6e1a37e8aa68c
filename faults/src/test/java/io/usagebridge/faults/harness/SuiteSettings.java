package io.usagebridge.faults.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the suite finds the app and writes its results: system properties the pom passes (defaults for a run from
 * the faults/ folder in an IDE).
 *
 * @param appJar     the packaged Quarkus app, {@code quarkus/target/quarkus-app/quarkus-run.jar}
 * @param repoRoot   the repository root, whose {@code config/} and {@code routes/} each run copies
 * @param runsDir    one folder per row: the apps' working folders, logs, the simulators' storage
 * @param resultsDir one result file per row, assembled into the report when the test plan ends
 * @param report     {@code docs/RELIABILITY.md}
 * @param full       the {@code fault-suite-full} profile: heavy sizes
 */
public record SuiteSettings(Path appJar, Path repoRoot, Path runsDir, Path resultsDir, Path report, boolean full) {

    public static SuiteSettings fromSystemProperties() {
        Path root = Path.of(System.getProperty("faults.repo-root", "..")).toAbsolutePath().normalize();
        return new SuiteSettings(
                path("faults.app-jar", root.resolve("quarkus/target/quarkus-app/quarkus-run.jar")),
                root,
                path("faults.runs-dir", root.resolve("faults/target/fault-runs")),
                path("faults.results-dir", root.resolve("faults/target/fault-results")),
                path("faults.report", root.resolve("docs/RELIABILITY.md")),
                "full".equals(System.getProperty("faults.profile", "subset")));
    }

    /** The jar must exist: the reactor builds quarkus before faults. */
    public Path requireAppJar() {
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException(appJar + " is missing: build the reactor with -pl faults -am");
        }
        return appJar;
    }

    /** A size for the default subset or the full profile. */
    public int size(int subset, int fullSize) {
        return full ? fullSize : subset;
    }

    private static Path path(String key, Path defaultValue) {
        String value = System.getProperty(key);
        return (value == null || value.isBlank() ? defaultValue : Path.of(value)).toAbsolutePath().normalize();
    }
}
