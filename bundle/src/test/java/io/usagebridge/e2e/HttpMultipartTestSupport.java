package io.usagebridge.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.sandbox.HttpMultipartReceiverSimulator;

/** The app with the http-multipart target {@value #TARGET} (its inbox folder of the same name) on the sandbox's receiver. */
abstract class HttpMultipartTestSupport extends UsageBridgeTestSupport {

    static final String TARGET = "billing-receiver";

    static HttpMultipartReceiverSimulator receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new HttpMultipartReceiverSimulator();
        receiver.start(0);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("usagebridge.targets", "twocheckout," + TARGET);
        p.put("target." + TARGET + ".type", "http-multipart");
        p.put("target." + TARGET + ".url", receiver.url());
        p.put("target." + TARGET + ".inbox-folder", TARGET);
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-http-multipart.camel.yaml");
    }
}
