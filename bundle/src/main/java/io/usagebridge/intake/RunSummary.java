package io.usagebridge.intake;

import java.util.ArrayList;
import java.util.List;

/** The outcome of every source file this process finished, for the per-file summary a run prints. */
public final class RunSummary {

    public record Line(String file, String outcome, String detail) {
    }

    private final List<Line> lines = new ArrayList<>();

    public synchronized void add(String file, String outcome, String detail) {
        lines.add(new Line(file, outcome, detail));
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }
}
