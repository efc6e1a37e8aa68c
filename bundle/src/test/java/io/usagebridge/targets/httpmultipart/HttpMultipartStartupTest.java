package io.usagebridge.targets.httpmultipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.usagebridge.plugin.TargetPlugins;
import io.usagebridge.startup.StartupChecks;
import io.usagebridge.startup.StartupRefused;

/** A receiver's configuration that cannot work is refused at start, in one line naming the key. */
class HttpMultipartStartupTest {

    private static final TargetPlugins PLUGINS = TargetPlugins.discover();

    @TempDir
    Path routes;

    private final Properties config = new Properties();

    @BeforeEach
    void soundConfiguration() throws Exception {
        config.put("usagebridge.targets", "billing-receiver");
        config.put("routing.default-targets", "billing-receiver");
        config.put("target.billing-receiver.type", "http-multipart");
        config.put("target.billing-receiver.url", "https://billing.example.com/usage/upload");
        config.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        Files.copy(Path.of("../routes/available/target-http-multipart.camel.yaml"),
                routes.resolve("target-http-multipart.camel.yaml"));
    }

    @Test
    void theShippedRouteFileWithItsUrlSetStarts() {
        assertEquals(List.of(), problems());
    }

    @Test
    void aMissingUrlIsOneLineNamingTheKey() {
        config.remove("target.billing-receiver.url");

        String problem = only(problems());
        assertTrue(problem.startsWith("target.billing-receiver.url is not set"), problem);
    }

    @Test
    void aUrlThatIsNotHttpIsOneLine() {
        config.put("target.billing-receiver.url", "ftp://billing.example.com/usage");
        assertTrue(only(problems()).contains("target.billing-receiver.url = ftp://billing.example.com/usage is not "
                + "an http(s) URL"));

        config.put("target.billing-receiver.url", "billing.example.com/upload");
        assertTrue(only(problems()).contains("is not an http(s) URL"));
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedAsForEveryTarget() {
        config.put("target.billing-receiver.url", "http://billing.example.com/usage/upload");
        assertTrue(only(problems()).contains("over plain http"));

        config.put("target.billing-receiver.url", "http://localhost:8099/upload");
        assertEquals(List.of(), problems());
    }

    @Test
    void aFormFieldWithoutItsValueIsRefused() {
        config.put("target.billing-receiver.form-fields", "account");

        assertTrue(only(problems()).contains("target.billing-receiver.form-field.account is not set"));
    }

    private List<String> problems() {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(config);
        return StartupChecks.run(context, PLUGINS);
    }

    private static String only(List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        String message = new StartupRefused(problems).getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        return problems.get(0);
    }
}
