package io.usagebridge.app.cli;

/** One uncertain delivery as the command prints it. */
final class UncertainLine {

    private UncertainLine() {
    }

    static String format(long delivery, String target, String file, String code, String since, String message) {
        return String.format("%-8d %-22s %-40s %-22s %s  %s", delivery, target, file, code, since,
                message == null ? "" : message);
    }

    static String header() {
        return String.format("%-8s %-22s %-40s %-22s %s", "DELIVERY", "TARGET", "FILE", "CODE", "SINCE");
    }
}
