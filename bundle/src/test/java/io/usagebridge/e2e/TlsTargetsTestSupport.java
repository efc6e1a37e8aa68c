package io.usagebridge.e2e;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import io.usagebridge.UsageBridgeTestSupport;
import io.usagebridge.sandbox.HttpMultipartReceiverSimulator;
import io.usagebridge.sandbox.SelfSignedKeyStores;
import io.usagebridge.sandbox.SimulatorServer;
import io.usagebridge.sandbox.TwoCheckoutReceiverSimulator;
import io.usagebridge.sandbox.insights.InsightsBatchSimulator;
import io.usagebridge.sandbox.zuora.ZuoraRestSimulator;
import io.usagebridge.sandbox.zuorasoap.ZuoraSoapSimulator;

/**
 * One app with a target of every HTTP type (2Checkout, Zuora REST usage and mass action, Zuora SOAP over CXF,
 * Insights, http-multipart), each on its own sandbox simulator serving https with a self-signed certificate for
 * localhost. A subclass says whether the targets are given that certificate as their trust store; one app per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TlsTargetsTestSupport extends UsageBridgeTestSupport {

    static final String ZUORA_CLIENT = "tls-client";
    static final String ZUORA_SECRET = "tls-client-secret";
    static final String SOAP_USER = "tls@example.com";
    static final String SOAP_PASSWORD = "tls-soap-password";
    static final String INSIGHTS_TOKEN = "tls-insights-token";
    static final String RECEIVER_TOKEN = "tls-receiver-token";

    static final String ZUORA_USAGE = "ACCOUNT_ID,UOM,QTY,STARTDATE,ENDDATE,SUBSCRIPTION_ID,CHARGE_ID,DESCRIPTION\n"
            + "A00000001,Each,10,11/01/2026,11/01/2026,,,api calls\n";
    static final String REVENUE = "ChargeNumber,RevenueScheduleNumber,Amount\nC-00000001,RS-1,100\n";
    static final String ACCOUNT = "id,name\nA-1,Acme\n";
    static final String SUBSCRIPTION = "{\"id\":\"S-1\",\"account_id\":\"A-1\"}\n";

    static SelfSignedKeyStores stores;
    static TwoCheckoutReceiverSimulator twoCheckoutHttps;
    static ZuoraRestSimulator zuoraRest;
    static ZuoraSoapSimulator zuoraSoap;
    static InsightsBatchSimulator insights;
    static HttpMultipartReceiverSimulator receiver;

    @BeforeAll
    static void startHttpsSimulators() throws IOException {
        // made once under target/ (100 years valid), reused by every class and run
        stores = SelfSignedKeyStores.in(Path.of("target", "tls-sandbox"), "sandbox-tls");
        twoCheckoutHttps = new TwoCheckoutReceiverSimulator();
        twoCheckoutHttps.addAccount(MERCHANT, SECRET);
        zuoraRest = new ZuoraRestSimulator();
        zuoraRest.addClient(ZUORA_CLIENT, ZUORA_SECRET);
        zuoraSoap = new ZuoraSoapSimulator();
        zuoraSoap.addUser(SOAP_USER, SOAP_PASSWORD);
        insights = new InsightsBatchSimulator(INSIGHTS_TOKEN);
        insights.addDataSource("billing", "account", "subscription");
        receiver = new HttpMultipartReceiverSimulator();
        receiver.requireToken(RECEIVER_TOKEN);
        for (SimulatorServer<?> simulator : simulators()) {
            simulator.serveHttps(stores.serverContext());
            simulator.start(0);
        }
    }

    @AfterAll
    static void stopHttpsSimulators() {
        for (SimulatorServer<?> simulator : simulators()) {
            if (simulator != null) {
                simulator.stop();
            }
        }
    }

    private static List<SimulatorServer<?>> simulators() {
        return java.util.Arrays.asList(twoCheckoutHttps, zuoraRest, zuoraSoap, insights, receiver);
    }

    /** Whether every target is given the sandbox certificate as its trust store. */
    abstract boolean trusted();

    @Override
    protected Properties testProperties() {
        Properties p = super.testProperties();
        p.put("target.twocheckout.url", twoCheckoutHttps.url());
        ZuoraRestTestSupport.withZuoraRestTargets(p, zuoraRest.baseUrl(), ZUORA_CLIENT, ZUORA_SECRET);
        // after the Zuora REST set-up, which names its own two
        p.put("usagebridge.targets", "twocheckout,zuora-usage,zuora-revenue,zuora,insights,billing-receiver");
        TargetTypeSetups.withZuoraSoap(p, zuoraSoap.url(), SOAP_USER, SOAP_PASSWORD);
        TargetTypeSetups.withInsights(p, insights.uploadUrl(), INSIGHTS_TOKEN);
        TargetTypeSetups.withHttpMultipart(p, receiver.url(), RECEIVER_TOKEN);
        if (trusted()) {
            TargetTypeSetups.withTrustStore(p, List.of("twocheckout", "zuora-usage", "zuora-revenue", "zuora",
                    "insights", "billing-receiver"), stores.trustStore().toAbsolutePath().toString(), stores.password());
        }
        return p;
    }

    @Override
    protected List<Path> extraRouteFolders() {
        return availableRoutes("target-zuora-usage.camel.yaml", "target-zuora-revenue-schedules.camel.yaml",
                "target-zuora-soap.camel.yaml", "target-insights.camel.yaml", "target-http-multipart.camel.yaml");
    }

    /** Drops an Insights batch folder (both record types), written elsewhere first, then moved in whole. */
    Path dropInsightsBatch(String batch) throws IOException {
        Path staged = data.resolve("staging/insights").resolve(batch);
        Files.createDirectories(staged);
        Files.writeString(staged.resolve("account.csv"), ACCOUNT);
        Files.writeString(staged.resolve("subscription.ndjson"), SUBSCRIPTION);
        Path folder = inbox().resolve("insights/billing").resolve(batch);
        Files.createDirectories(folder.getParent());
        return Files.move(staged, folder);
    }

    /** Waits until {@code relative} (below the data folder) exists. */
    void awaitFile(String relative) {
        await().atMost(30, SECONDS).until(() -> Files.exists(data.resolve(relative)));
    }
}
