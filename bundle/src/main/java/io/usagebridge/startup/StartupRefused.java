package io.usagebridge.startup;

import java.util.List;

/** A start refused by {@link StartupChecks}: its message is the problems, one line each, no stack trace needed. */
public class StartupRefused extends IllegalStateException {

    private final List<String> problems;

    public StartupRefused(List<String> problems) {
        super("UsageBridge cannot start: " + String.join(" | ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
