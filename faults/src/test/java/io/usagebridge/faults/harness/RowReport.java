package io.usagebridge.faults.harness;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * One row of the reliability table, as the run saw it: the counts before any operator action, what resolution did,
 * the counts after it, whether the row passed and why not. Saved as a properties file in the results folder (one
 * per row), so the report can be assembled from whatever rows ran.
 */
public record RowReport(String id, String title, String profile, Instant startedAt, Duration took, int filesIn,
                        int acceptedFiles, int duplicatedRows, int lostRows, int uncertainFiles, int misplacedFiles,
                        String resolution, int finalNotInPlace, int finalDuplicatedRows, int finalLostRows,
                        boolean passed, String cause, List<String> notes) {

    public RowReport {
        notes = List.copyOf(notes);
    }

    static RowReport of(RowRun run, Outcome before, String resolution, Outcome after, boolean passed, String cause) {
        return new RowReport(run.id(), run.title(), run.profile(), run.startedAt(),
                Duration.between(run.startedAt(), Instant.now()), before.filesIn(), before.acceptedFiles(),
                before.duplicatedRows(), before.lostRows(), before.uncertainFiles(), before.misplacedFiles(),
                resolution, after.notInExpectedPlace(), after.duplicatedRows(), after.lostRows(), passed, cause,
                run.notes());
    }

    public boolean meetsBar() {
        return lostRows == 0 && duplicatedRows == 0 && misplacedFiles == 0;
    }

    public Path save(Path resultsDir) {
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("title", title);
        p.setProperty("profile", profile);
        p.setProperty("startedAt", startedAt.toString());
        p.setProperty("tookMs", String.valueOf(took.toMillis()));
        p.setProperty("filesIn", String.valueOf(filesIn));
        p.setProperty("acceptedFiles", String.valueOf(acceptedFiles));
        p.setProperty("duplicatedRows", String.valueOf(duplicatedRows));
        p.setProperty("lostRows", String.valueOf(lostRows));
        p.setProperty("uncertainFiles", String.valueOf(uncertainFiles));
        p.setProperty("misplacedFiles", String.valueOf(misplacedFiles));
        p.setProperty("resolution", resolution);
        p.setProperty("finalNotInPlace", String.valueOf(finalNotInPlace));
        p.setProperty("finalDuplicatedRows", String.valueOf(finalDuplicatedRows));
        p.setProperty("finalLostRows", String.valueOf(finalLostRows));
        p.setProperty("passed", String.valueOf(passed));
        p.setProperty("cause", cause);
        p.setProperty("notes", String.join("\n", notes));
        try {
            Files.createDirectories(resultsDir);
            Path file = resultsDir.resolve(startedAt.toEpochMilli() + "-" + id + ".properties");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(out, "fault suite row");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("saving row " + id, e);
        }
    }

    public static RowReport load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        String notes = p.getProperty("notes", "");
        return new RowReport(p.getProperty("id"), p.getProperty("title"), p.getProperty("profile"),
                Instant.parse(p.getProperty("startedAt")), Duration.ofMillis(Long.parseLong(p.getProperty("tookMs"))),
                number(p, "filesIn"), number(p, "acceptedFiles"), number(p, "duplicatedRows"), number(p, "lostRows"),
                number(p, "uncertainFiles"), number(p, "misplacedFiles"), p.getProperty("resolution", ""),
                number(p, "finalNotInPlace"), number(p, "finalDuplicatedRows"), number(p, "finalLostRows"),
                Boolean.parseBoolean(p.getProperty("passed")), p.getProperty("cause", ""),
                notes.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(notes.split("\n"))));
    }

    private static int number(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key, "0"));
    }
}
