package io.usagebridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app, started as a user starts it with a configuration that cannot work (a Zuora-only install that kept
 * the shipped 2Checkout route file): it refuses in one line naming the file, exits 2, and prints no stack trace.
 */
class StartupRefusalIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();

    @TempDir
    Path install;

    @Test
    void aZuoraOnlyInstallWithTheShipped2CheckoutRouteIsRefusedInOneLine() throws Exception {
        copy(Path.of("../config"), install.resolve("config"));
        copy(Path.of("../routes"), install.resolve("routes"));
        Path log = install.resolve("start.log");
        Process app = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dusagebridge.targets=", "-Drouting.default-targets=", "-Dquarkus.http.port=0", "-jar",
                JAR.toString())).directory(install.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();

        assertTrue(app.waitFor(120, TimeUnit.SECONDS), "the refused start ends by itself");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(StartupValidation.REFUSED, app.exitValue(), output);
        List<String> refusals = output.lines().filter(l -> l.startsWith("UsageBridge cannot start: ")).toList();
        assertEquals(1, refusals.size(), output);
        assertTrue(refusals.get(0).contains("routes/target-twocheckout.camel.yaml"), refusals.get(0));
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
