package io.usagebridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The production artifact, as {@code mvn package} laid it out in target/quarkus-app/ (app/, lib/boot, lib/main,
 * quarkus/), holds no simulator class and no SSH server: the sandbox is a test dependency only, and README's
 * sandbox run starts the simulators in a process of their own. Runs after package (failsafe).
 */
class PackagedAppHoldsNoSandboxIT {

    private static final Path QUARKUS_APP = Path.of("target/quarkus-app");
    private static final String SANDBOX_PACKAGE = "io/usagebridge/sandbox/";
    private static final String SSHD_PACKAGE = "org/apache/sshd/";

    @Test
    void noJarOfTheAppIsTheSandboxOrAnSshServer() throws IOException {
        List<Path> jars = jars();
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().contains("usagebridge-bundle")),
                "the app's own route bundle is there: " + jars);
        List<String> found = jars.stream().map(j -> QUARKUS_APP.relativize(j).toString())
                .filter(name -> name.contains("usagebridge-sandbox") || name.contains("org.apache.sshd")
                        || name.contains("sshd-"))
                .toList();
        assertEquals(List.of(), found);
    }

    @Test
    void noJarOfTheAppHoldsASimulatorOrSshdClass() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path jar : jars()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(e -> e.getName())
                        .filter(name -> name.startsWith(SANDBOX_PACKAGE) || name.startsWith(SSHD_PACKAGE))
                        .forEach(name -> found.add(QUARKUS_APP.relativize(jar) + "!" + name));
            }
        }
        assertEquals(List.of(), found);
    }

    private static List<Path> jars() throws IOException {
        assertTrue(Files.isRegularFile(QUARKUS_APP.resolve("quarkus-run.jar")),
                QUARKUS_APP.toAbsolutePath() + " holds no packaged app: it is written by `mvn package`");
        try (Stream<Path> files = Files.walk(QUARKUS_APP)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            assertTrue(jars.size() > 50, "the app's jars: " + jars.size());
            return jars;
        }
    }
}
