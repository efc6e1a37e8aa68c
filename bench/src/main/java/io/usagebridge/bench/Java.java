package io.usagebridge.bench;

import java.nio.file.Path;

/** The java binary the harness runs on: the app and the simulators start on the same JDK. */
final class Java {

    private Java() {
    }

    static String binary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
