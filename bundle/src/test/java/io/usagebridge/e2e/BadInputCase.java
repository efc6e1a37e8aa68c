package io.usagebridge.e2e;

import java.nio.file.Path;

/**
 * One case of a bad-input suite: what is dropped where, and how it must end.
 *
 * @param name     the path below the inbox it is dropped at: a file, or an Insights batch folder
 * @param original the exact bytes dropped (a file, or a folder of files): the kept original must equal it
 * @param outcome  DONE or FAILED: the folder the original must end in
 * @param code     the error.json code of a FAILED case
 * @param line     the line its message must name, or empty when the code names none
 * @param sends    how many uploads a DONE case makes at the target (its chunks); 0 for a FAILED one
 */
record BadInputCase(String name, Path original, String outcome, String code, String line, int sends) {

    static BadInputCase done(String name, Path original, int sends) {
        return new BadInputCase(name, original, "DONE", "", "", sends);
    }

    static BadInputCase failed(String name, Path original, String code, String line) {
        return new BadInputCase(name, original, "FAILED", code, line, 0);
    }

    boolean good() {
        return outcome.equals("DONE");
    }
}
