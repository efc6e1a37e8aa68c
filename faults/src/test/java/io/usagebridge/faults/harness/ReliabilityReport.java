package io.usagebridge.faults.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes docs/RELIABILITY.md from the rows saved in the results folder: when and where it ran, the bar, one table
 * line per row, then for each row that missed the bar (or whose resolution did not end in done/) its cause.
 */
public final class ReliabilityReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReliabilityReport() {
    }

    public static void write(Path resultsDir, Path report, String profile) {
        List<RowReport> rows = load(resultsDir);
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder md = new StringBuilder();
        long passed = rows.stream().filter(RowReport::passed).count();
        Duration total = rows.stream().map(RowReport::took).reduce(Duration.ZERO, Duration::plus);
        md.append("# UsageBridge reliability under faults\n\n")
                .append("Written by the fault suite (`faults/`, ").append(command(profile))
                .append(") from its last run. ")
                .append("Each row runs the packaged app (`quarkus-run.jar`) as child processes against the sandbox ")
                .append("simulators, injects one fault, and counts at the simulators, by the unique row ids inside ")
                .append("every file, what the target accepted.\n\n")
                .append("- Run: ").append(WHEN.format(rows.get(0).startedAt())).append(", profile `").append(profile)
                .append("`, ").append(rows.size()).append(" rows, ").append(passed).append(" passed, ")
                .append(rows.size() - passed).append(" failed; rows took ").append(seconds(total)).append(" in all\n")
                .append("- Machine: ").append(MachineDescription.describe()).append("\n\n")
                .append("**The bar**, for every row: 0 rows lost, 0 rows duplicated, 0 originals misplaced. ")
                .append("*Lost*: a row the target never accepted whose file is neither in failed/ with a final ")
                .append("reason nor uncertain awaiting an operator. *Duplicated*: a row the target accepted twice. ")
                .append("*Misplaced*: an original not in exactly one of done/, failed/, duplicate/ (still in the ")
                .append("inbox, inflight/, .unhandled/, or in two places). Then the operator resolves what the app ")
                .append("left uncertain (`resolve --delivered` when the target has the rows, `--resend` when not), ")
                .append("and every original must end in done/ (an invalid file in failed/ with its code), each row ")
                .append("once at the target.\n\n");
        md.append("| row | files in | accepted at target | duplicated rows | lost rows | uncertain | misplaced | ")
                .append("after resolution | time | result |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        for (RowReport row : rows) {
            md.append("| ").append(row.title()).append(row.profile().equals("full") ? " *(full)*" : "")
                    .append(" | ").append(row.filesIn())
                    .append(" | ").append(row.acceptedFiles())
                    .append(" | ").append(row.duplicatedRows())
                    .append(" | ").append(row.lostRows())
                    .append(" | ").append(row.uncertainFiles())
                    .append(" | ").append(row.misplacedFiles())
                    .append(" | ").append(afterResolution(row))
                    .append(" | ").append(seconds(row.took()))
                    .append(" | ").append(result(row))
                    .append(" |\n");
        }
        md.append('\n');
        List<RowReport> failing = rows.stream().filter(r -> !r.passed()).toList();
        if (!failing.isEmpty()) {
            md.append("## Rows that fail, and why\n\n");
            for (RowReport row : failing) {
                md.append("### ").append(row.title()).append("\n\n").append(escape(row.cause())).append("\n\n");
            }
        }
        md.append("## Notes per row\n\n");
        for (RowReport row : rows) {
            md.append("- **").append(row.title()).append("** (`").append(row.id()).append("`)");
            if (!row.resolution().isBlank()) {
                md.append(". Resolution: ").append(escape(row.resolution()));
            }
            md.append("\n");
            for (String note : row.notes()) {
                md.append("  - ").append(escape(note)).append("\n");
            }
        }
        try {
            Files.createDirectories(report.getParent());
            Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + report, e);
        }
    }

    private static String result(RowReport row) {
        if (row.passed()) {
            return "pass";
        }
        if (row.cause().startsWith(RowRun.ABORTED)) {
            return "**fail** (not run to its end)";
        }
        return row.meetsBar() ? "**fail** (bar met, not final)" : "**fail**";
    }

    private static String afterResolution(RowReport row) {
        if (row.resolution().isBlank() && row.uncertainFiles() == 0) {
            return row.finalNotInPlace() == 0 && row.finalDuplicatedRows() == 0 && row.finalLostRows() == 0
                    ? "nothing to resolve; all in place" : "nothing resolved; " + row.finalNotInPlace()
                    + " not in place";
        }
        return row.finalNotInPlace() == 0 && row.finalDuplicatedRows() == 0 && row.finalLostRows() == 0
                ? "all in place, rows once"
                : row.finalNotInPlace() + " not in place, " + row.finalDuplicatedRows() + " dup, "
                        + row.finalLostRows() + " lost";
    }

    private static List<RowReport> load(Path resultsDir) {
        if (!Files.isDirectory(resultsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(resultsDir)) {
            return files.filter(f -> f.toString().endsWith(".properties")).map(RowReport::load)
                    .sorted(Comparator.comparing(RowReport::startedAt)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String command(String profile) {
        return "full".equals(profile) ? "`mvn -B verify -pl faults -am -Pfault-suite-full`"
                : "`mvn -B verify -pl faults -am`";
    }

    private static String seconds(Duration d) {
        return String.format("%.0f s", d.toMillis() / 1000.0);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
