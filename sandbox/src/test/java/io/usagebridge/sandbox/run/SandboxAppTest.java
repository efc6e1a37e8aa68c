package io.usagebridge.sandbox.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SandboxAppTest {

    @Test
    void appRunsWithTheSandboxProfileAndItsTargetsPointedAtTheSimulators() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("target.twocheckout.url", "http://localhost:40001/subscription/payperusage/receiver/index.php");
        overrides.put("target.zuora.login-url", "http://localhost:40002/apps/services/a/45.0");

        List<String> command = SandboxApp.command(Path.of("quarkus/target/quarkus-app/quarkus-run.jar"), overrides);

        assertTrue(command.get(0).endsWith("java"), command.get(0));
        assertEquals(List.of("-Dquarkus.profile=sandbox",
                "-Dtarget.twocheckout.url=http://localhost:40001/subscription/payperusage/receiver/index.php",
                "-Dtarget.zuora.login-url=http://localhost:40002/apps/services/a/45.0",
                "-jar", "quarkus/target/quarkus-app/quarkus-run.jar"), command.subList(1, command.size()));
    }

    @Test
    void appOptionsComeAfterTheOverridesBeforeTheJar() {
        List<String> command = SandboxApp.command(Path.of("app.jar"),
                SandboxRun.appOptions(" -Xmx128m  -Dusagebridge.exit-when-idle-seconds=30 "),
                Map.of("target.twocheckout.url", "http://localhost:40001/"));

        assertEquals(List.of("-Dquarkus.profile=sandbox", "-Dtarget.twocheckout.url=http://localhost:40001/",
                "-Xmx128m", "-Dusagebridge.exit-when-idle-seconds=30", "-jar", "app.jar"),
                command.subList(1, command.size()));
        assertEquals(List.of(), SandboxRun.appOptions(" "));
    }
}
