package io.usagebridge.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Each start-up trap a new user met ends in one line naming the key or the file; a sound configuration passes. */
class StartupChecksTest {

    private static final TargetPlugins PLUGINS = TargetPlugins.discover();

    @TempDir
    Path routes;

    private final Properties config = new Properties();

    @BeforeEach
    void soundConfiguration() throws Exception {
        config.put("usagebridge.targets", "twocheckout");
        config.put("routing.default-targets", "twocheckout");
        config.put("target.twocheckout.type", "twocheckout-usage");
        config.put("target.twocheckout.url", "https://api.2checkout.com/receiver");
        config.put("target.twocheckout.merchant", "M1");
        config.put("target.twocheckout.secret-key", "s3cret");
        config.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        Files.copy(Path.of("../routes/target-twocheckout.camel.yaml"), routes.resolve("target-twocheckout.camel.yaml"));
        Files.copy(Path.of("../routes/intake-sftp.camel.yaml"), routes.resolve("intake-sftp.camel.yaml"));
        Files.copy(Path.of("../routes/intake-folder.camel.yaml"), routes.resolve("intake-folder.camel.yaml"));
    }

    @Test
    void theShippedRoutesWithTheirKeysSetStart() {
        assertEquals(List.of(), problems());
    }

    @Test
    void aPostgresLedgerElsewhereWithoutVerifiedTlsIsRefusedNamingItsHostNotItsPassword() {
        config.put("ledger.url", "jdbc:postgresql://ledger.db.internal:5432/usagebridge?sslmode=require"
                + "&password=hunter2");

        String problem = only(problems());
        assertTrue(problem.startsWith("ledger.url:") && problem.contains("ledger.db.internal")
                && problem.contains("sslmode=require") && problem.contains("verify-full"), problem);
        assertTrue(!problem.contains("hunter2"), problem);
    }

    @Test
    void aPostgresLedgerVerifiedOrLocalOrKnowinglyUnverifiedStarts() {
        config.put("ledger.url", "jdbc:postgresql://ledger.db.internal/usagebridge?sslmode=verify-full");
        assertEquals(List.of(), problems());
        config.put("ledger.url", "jdbc:postgresql://localhost:5432/usagebridge");
        assertEquals(List.of(), problems());
        config.put("ledger.url", "jdbc:postgresql://ledger.db.internal/usagebridge");
        config.put("ledger.allow-unverified-tls", "true");
        assertEquals(List.of(), problems());
    }

    @Test
    void aRouteForATargetThatIsNotConfiguredIsNamedWithItsFile() throws Exception {
        Files.copy(Path.of("../routes/available/target-zuora-usage.camel.yaml"),
                routes.resolve("target-zuora-usage.camel.yaml"));

        String problem = only(problems());
        assertTrue(problem.contains("target-zuora-usage.camel.yaml") && problem.contains("'zuora-usage'")
                && problem.contains("usagebridge.targets"), problem);
    }

    @Test
    void aZuoraOnlyInstallKeepingThe2CheckoutRouteFileIsToldToRemoveIt() {
        config.put("usagebridge.targets", "");
        config.put("routing.default-targets", "");
        config.remove("target.twocheckout.merchant");

        String problem = only(problems());
        assertTrue(problem.contains("target-twocheckout.camel.yaml") && problem.contains("remove the file"), problem);
    }

    @Test
    void aDefaultTargetThatIsNotConfiguredIsRefused() {
        config.put("routing.default-targets", "twocheckout,nowhere");

        assertTrue(only(problems()).startsWith("routing.default-targets names 'nowhere'"));
    }

    @Test
    void aMissingSecretNamesTheParameterAndTheVariable() {
        config.put("target.twocheckout.secret-key", "{{env:USAGEBRIDGE_TEST_NO_SUCH_VARIABLE}}");

        String problem = only(problems());
        assertTrue(problem.contains("parameter secretKey") && problem.contains("USAGEBRIDGE_TEST_NO_SUCH_VARIABLE"),
                problem);
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedAndToThisOneAllowed() {
        config.put("target.twocheckout.url", "http://api.2checkout.com/receiver");
        assertTrue(only(problems()).contains("over plain http"));

        config.put("target.twocheckout.url", "http://localhost:8093/receiver");
        assertEquals(List.of(), problems());
    }

    @Test
    void plainHttpToZuoraElsewhereIsRefusedNamingTheKey() throws Exception {
        config.put("usagebridge.targets", "twocheckout,zuora");
        config.put("target.zuora.type", "zuora-soap-import");
        config.put("target.zuora.username", "usage-api@example.com");
        config.put("target.zuora.password", "s3cret");
        Files.copy(Path.of("../routes/available/target-zuora-soap.camel.yaml"),
                routes.resolve("target-zuora-soap.camel.yaml"));
        config.put("target.zuora.login-url", "https://www.zuora.com/apps/services/a/45.0");
        assertEquals(List.of(), problems());

        config.put("target.zuora.login-url", "http://www.zuora.com/apps/services/a/45.0");
        String problem = only(problems());
        assertTrue(problem.contains("over plain http") && problem.contains("target.zuora.login-url"), problem);
        assertTrue(!problem.contains("s3cret"), problem);

        config.put("target.zuora.login-url", "http://localhost:8095/apps/services/a/45.0");
        assertEquals(List.of(), problems(), "the sandbox on this machine");
    }

    @Test
    void anSftpRouteWrittenByHandWithoutStrictHostKeysIsRefused() throws Exception {
        Files.writeString(routes.resolve("intake-own-sftp.camel.yaml"), """
                - route:
                    id: intake-own-sftp
                    from:
                      uri: "sftp:sftp.example.com:22/usage"
                      parameters:
                        username: usage
                        strictHostKeyChecking: "no"
                      steps:
                        - to: direct:ingest
                """);

        String problem = only(problems());
        assertTrue(problem.contains("intake-own-sftp.camel.yaml") && problem.contains("strictHostKeyChecking"), problem);
    }

    @Test
    void anSftpSourceAskedToSkipHostKeysIsToldTheyAreAlwaysChecked() throws Exception {
        Path copy = routes.resolve("intake-sftp.camel.yaml");
        Files.writeString(copy, Files.readString(copy) + """
                      - name: strictHostKeyChecking
                        value: "no"
                """);

        String problem = only(problems());
        assertTrue(problem.contains("intake-sftp.camel.yaml") && problem.contains("'strictHostKeyChecking'")
                && problem.contains("always checked"), problem);
    }

    @Test
    void aMistypedIntakeParameterIsNamedWithTheOnesTheTemplateTakes() throws Exception {
        Files.writeString(routes.resolve("intake-partner.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: folder-source
                    routeId: intake-partner
                    parameters:
                      - name: dir
                        value: data/partner
                      - name: donedir
                        value: data/partner-done
                """);

        String problem = only(problems());
        assertTrue(problem.contains("intake-partner.camel.yaml") && problem.contains("no parameter 'donedir'")
                && problem.contains("doneDir"), problem);
    }

    @Test
    void anIntakeWithoutItsRequiredParameterIsNamed() throws Exception {
        Files.writeString(routes.resolve("intake-partner.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: sftp-source
                    routeId: intake-partner
                    parameters:
                      - name: host
                        value: sftp.example.com
                      - name: dir
                        value: usage
                      - name: username
                        value: partner
                """);

        String problem = only(problems());
        assertTrue(problem.contains("intake-partner") && problem.contains("'knownHostsFile'"), problem);
    }

    @Test
    void aConfiguredTargetWithoutARouteFileIsRefused() throws Exception {
        Files.delete(routes.resolve("target-twocheckout.camel.yaml"));

        assertTrue(only(problems()).contains("no route file makes it"));
    }

    @Test
    void anUnknownTargetTypeIsOneLine() {
        config.put("target.twocheckout.type", "twocheckout-usage-v2");

        assertTrue(only(problems()).contains("target.twocheckout.type = twocheckout-usage-v2"));
    }

    @Test
    void aMalformedScheduleIsRefusedNamingItsKey() {
        config.put("alerts.schedules", "nightly");
        config.put("alerts.schedules.nightly.pattern", "usage-*.csv");
        config.put("alerts.schedules.nightly.every", "daily");
        config.put("alerts.schedules.nightly.by", "2 am");

        String problem = only(problems());
        assertTrue(problem.startsWith("alerts.schedules.nightly.by = 2 am"), problem);
    }

    @Test
    void mailWithoutAServerOrASenderIsRefusedAndAWholeMailSettingStarts() {
        config.put("alerts.mail.to", "ops@example.com");
        List<String> problems = problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("alerts.mail.host is missing"), problems.toString());
        assertTrue(problems.get(1).startsWith("alerts.mail.from is missing"), problems.toString());

        config.put("alerts.mail.host", "smtp.example.com");
        config.put("alerts.mail.from", "usagebridge@example.com");
        config.put("alerts.mail.username", "usagebridge");
        config.put("alerts.mail.password", "s3cret");
        assertEquals(List.of(), problems());
    }

    private List<String> problems() {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(config);
        return StartupChecks.run(context, PLUGINS);
    }

    private static String only(List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(!problems.get(0).contains("\n"), "one line");
        return problems.get(0);
    }
}
