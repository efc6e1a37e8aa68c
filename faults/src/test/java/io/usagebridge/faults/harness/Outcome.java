package io.usagebridge.faults.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * A row's files counted against the bar: 0 rows lost, 0 rows duplicated, 0 originals misplaced. A row is lost
 * when the target never accepted it and its file is neither in failed/ with a final reason nor uncertain awaiting
 * an operator; an original is misplaced unless it is in exactly one of done/, failed/, duplicate/.
 */
public record Outcome(List<FileOutcome> files) {

    public Outcome {
        files = List.copyOf(files);
    }

    public int filesIn() {
        return files.size();
    }

    public int acceptedFiles() {
        return (int) files.stream().filter(FileOutcome::acceptedAtTarget).count();
    }

    public int duplicatedRows() {
        return files.stream().mapToInt(FileOutcome::rowsDuplicated).sum();
    }

    public int lostRows() {
        return files.stream().mapToInt(FileOutcome::rowsLost).sum();
    }

    public int uncertainFiles() {
        return (int) files.stream().filter(FileOutcome::uncertain).count();
    }

    public int misplacedFiles() {
        return (int) files.stream().filter(f -> !f.placed()).count();
    }

    public int notInExpectedPlace() {
        return (int) files.stream().filter(f -> !f.inExpectedPlace()).count();
    }

    public boolean meetsBar() {
        return lostRows() == 0 && duplicatedRows() == 0 && misplacedFiles() == 0;
    }

    /** Every original where a user expects it, each row once at the target (valid files) or never (invalid ones). */
    public boolean isFinal() {
        return meetsBar() && notInExpectedPlace() == 0 && uncertainFiles() == 0
                && files.stream().filter(f -> f.file().valid()).allMatch(FileOutcome::acceptedAtTarget);
    }

    /** One line per file that misses the bar or is not final, at most {@code limit}. */
    public List<String> problems(int limit) {
        List<String> problems = new ArrayList<>();
        for (FileOutcome f : files) {
            List<String> issues = new ArrayList<>();
            if (!f.placed()) {
                issues.add("original " + f.where());
            } else if (!f.inExpectedPlace()) {
                issues.add("in " + f.where() + (f.failedCode() == null ? "" : " (" + f.failedCode() + ")"));
            }
            if (f.rowsDuplicated() > 0) {
                issues.add(f.rowsDuplicated() + " rows duplicated");
            }
            if (f.rowsLost() > 0) {
                issues.add(f.rowsLost() + " rows lost");
            }
            if (f.uncertain()) {
                issues.add("uncertain");
            }
            if (!issues.isEmpty()) {
                problems.add(f.file().name() + ": " + String.join(", ", issues));
            }
        }
        if (problems.size() > limit) {
            int more = problems.size() - limit;
            problems = new ArrayList<>(problems.subList(0, limit));
            problems.add("... and " + more + " more files");
        }
        return problems;
    }
}
