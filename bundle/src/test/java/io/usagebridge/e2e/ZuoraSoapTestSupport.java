package io.usagebridge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapSimulator;

/** The app with a Zuora SOAP import target (inbox folder zuora/) on the sandbox's SOAP simulator. */
abstract class ZuoraSoapTestSupport extends UsageBridgeTestSupport {

    static final String USER = "usage-api@example.com";
    static final String PASSWORD = "zuora-soap-test-password";

    static ZuoraSoapSimulator zuora;

    @BeforeAll
    static void startZuora() throws IOException {
        zuora = new ZuoraSoapSimulator();
        zuora.addUser(USER, PASSWORD);
        zuora.start(0);
    }

    @AfterAll
    static void stopZuora() {
        zuora.stop();
    }

    @BeforeEach
    void resetZuora() {
        zuora.reset();
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("usagebridge.targets", "twocheckout,zuora");
        p.put("target.zuora.type", "zuora-soap-import");
        p.put("target.zuora.login-url", zuora.url());
        p.put("target.zuora.username", USER);
        p.put("target.zuora.password", PASSWORD);
        p.put("target.zuora.inbox-folder", "zuora");
        p.put("target.zuora.poll-initial-delay-ms", "100");
        p.put("target.zuora.poll-max-delay-ms", "200");
        return p;
    }

    /** Only the SOAP target's file of routes/available: the others there need their own keys. */
    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-zuora-soap.camel.yaml");
    }
}
